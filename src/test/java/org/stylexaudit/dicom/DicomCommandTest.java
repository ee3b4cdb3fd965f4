package org.stylexaudit.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.cli.ExitCodes;
import org.stylexaudit.cli.Main;

/** Runs {@code dicom dump} and {@code dicom png} through the CLI entry point. */
class DicomCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path sampleFile(int frames) throws Exception {
        int[] samples = new int[4 * 6 * frames];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i * 5 % 256;
        }
        DicomObject ds = Fixtures.mono(4, 6, frames, 8, 8, false, samples);
        DicomObject item = new DicomObject().put(Tag.CodeMeaning, VR.LO, "Retina");
        ds.putSequence(Tag.AnatomicRegionSequence, List.of(item));
        Path file = tmp.resolve("img.dcm");
        DicomWriter.write(file, ds);
        return file;
    }

    @Test
    void dump_listsTagsVrValuesAndIndentedItems() throws Exception {
        Path file = sampleFile(1);
        assertEquals(ExitCodes.OK, run("dicom", "dump", file.toString()));
        String text = out.toString();
        assertTrue(text.contains("(0010,0020) LO 6       [P-0001]  # PatientID"), text);
        assertTrue(text.contains("(0008,2218) SQ -       (sequence, 1 item)"), text);
        assertTrue(text.contains("    (0008,0104) LO 6       [Retina]"), text);
        assertTrue(text.contains("(0002,0010) UI 20      [1.2.840.10008.1.2.1]"), text);
    }

    @Test
    void png_writesTheRequestedOneBasedFrame() throws Exception {
        Path file = sampleFile(3);
        Path png = tmp.resolve("f2.png");
        assertEquals(ExitCodes.OK, run("dicom", "png", file.toString(), "--frame", "2", "--out", png.toString()));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(6, img.getWidth());
        assertEquals(4, img.getHeight());
        // Frame 2 starts at sample 24: value 24 * 5 = 120.
        assertEquals(120, img.getRaster().getSample(0, 0, 0));
        assertEquals(ExitCodes.USAGE, run("dicom", "png", file.toString(), "--frame", "4", "--out", png.toString()));
        assertTrue(err.toString().contains("has 3 frames"), err.toString());
    }

    @Test
    void png_refusedFileExitsOneWithOneLine() throws Exception {
        DicomObject ds = Fixtures.mono(2, 2, 1, 8, 8, false, new int[4]);
        ds.putFragments(Tag.PixelData, VR.OB, List.of(new byte[0], new byte[] {(byte) 0xFF, (byte) 0xD8}));
        Path file = tmp.resolve("ls.dcm");
        DicomWriter.write(file, ds, TransferSyntax.JPEG_LS_LOSSLESS);
        Path png = tmp.resolve("ls.png");
        assertEquals(ExitCodes.FAILURE, run("dicom", "png", file.toString(), "--out", png.toString()));
        String msg = err.toString().trim();
        assertFalse(msg.contains("\n"), msg);
        assertTrue(msg.endsWith("JPEG-LS Lossless (1.2.840.10008.1.2.4.80) is not supported; ask the archive to "
                + "transcode to Explicit VR Little Endian"), msg);
        assertFalse(Files.exists(png));
    }

    @Test
    void dump_brokenFileExitsOneWithOneLine() throws Exception {
        Path file = tmp.resolve("broken.dcm");
        byte[] good = Files.readAllBytes(sampleFile(1));
        Files.write(file, java.util.Arrays.copyOf(good, good.length - 10));
        assertEquals(ExitCodes.FAILURE, run("dicom", "dump", file.toString()));
        assertTrue(err.toString().contains("(7FE0,0010)"), err.toString());
        assertEquals(1, err.toString().trim().lines().count());
    }
}
