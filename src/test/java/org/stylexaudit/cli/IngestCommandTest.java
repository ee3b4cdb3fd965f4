package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {

    @TempDir
    Path tmp;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Writes a small fundus-like PNG: a bright disc on black. */
    private static void disc(Path file, int size, int grey) throws Exception {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (Math.hypot(x + 0.5 - size / 2.0, y + 0.5 - size / 2.0) < size * 0.45) {
                    img.setRGB(x, y, (grey << 16) | ((grey / 2) << 8) | (grey / 4) + ((x * 7 + y * 3) % 9));
                }
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void ingest_badFiles_exit3ListsEachReasonThenSecondRunExit0() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/sub"));
        disc(src.resolve("one.png"), 120, 200);
        disc(src.resolve("two.png"), 150, 180);
        Files.write(src.resolve("zero.dcm"), new byte[0]);
        Files.writeString(src.resolve("junk.bin"), "not an image");
        Files.writeString(src.resolve("readme.txt"), "an archive's own notes are skipped, not rejected");
        String ws = tmp.resolve("ws").toString();

        assertEquals(ExitCodes.PARTIAL, run("ingest", "--quiet", "-w", ws, "-s", tmp.resolve("src").toString()));
        String o = out.toString();
        assertTrue(o.contains("2 accepted, 2 rejected"), o);
        assertTrue(o.contains("rejected sub/zero.dcm: empty file"), o);
        assertTrue(o.contains("rejected sub/junk.bin: not an image"), o);
        assertTrue(!o.contains("rejected sub/readme.txt"), o);

        assertEquals(ExitCodes.OK, run("ingest", "--quiet", "--workspace", ws, "--source", tmp.resolve("src").toString()));
        assertTrue(out.toString().contains("0 accepted, 0 rejected, 0 skipped, 5 unchanged (2 of them rejected earlier)"),
                out.toString());
    }

    @Test
    void ingest_missingSource_usageError() {
        assertEquals(ExitCodes.USAGE, run("ingest", "-w", tmp.resolve("ws").toString(), "-s",
                tmp.resolve("nope").toString()));
        assertTrue(err.toString().contains("--source must be an existing folder"), err.toString());
    }

    @Test
    void ingest_badSize_usageError() throws Exception {
        Files.createDirectories(tmp.resolve("src"));
        assertEquals(ExitCodes.USAGE, run("ingest", "-w", tmp.resolve("ws").toString(), "-s",
                tmp.resolve("src").toString(), "--size", "3"));
        assertTrue(err.toString().contains("cache size must be between"), err.toString());
    }

    @Test
    void ingest_progressWhenNotTerminal_plainLinesOnStderrOnly() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        disc(src.resolve("a.png"), 100, 200);
        assertEquals(ExitCodes.OK, run("ingest", "-w", tmp.resolve("ws").toString(), "-s", src.toString()));
        assertTrue(out.toString().startsWith("ingest run "), out.toString());
        assertTrue(!err.toString().contains("\r"), "no carriage returns when stderr is not a terminal");
    }

    @Test
    void ingest_fileNameWithNewline_rejectionStaysOnOneLine() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("archive"));
        disc(src.resolve("good.png"), 64, 200);
        Files.writeString(src.resolve("odd\nname.png"), "not a picture");
        assertEquals(ExitCodes.PARTIAL, run("ingest", "--workspace", tmp.resolve("ws").toString(), "--source",
                src.toString()));
        String[] lines = out.toString().split("\n");
        assertEquals("rejected odd\\nname.png: not an image: content is not DICOM, PNG, JPEG or TIFF",
                lines[lines.length - 1]);
    }
}
