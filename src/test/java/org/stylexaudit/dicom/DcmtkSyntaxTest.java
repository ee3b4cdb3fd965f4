package org.stylexaudit.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.cli.Main;

/**
 * Converts images we write into every transfer syntax dcmtk can produce and checks our decoding: lossless syntaxes
 * give exactly the samples we wrote and display pixels within one level of dcmj2pnm (VOI arithmetic); lossy
 * JPEG stays within
 * {@link PydicomCorpusTest#LOSSY_TOLERANCE} of dcmj2pnm; JPEG-LS is refused with one line.
 */
@org.junit.jupiter.api.Tag("external")
class DcmtkSyntaxTest {

    @TempDir
    Path tmp;

    /** Conversion name to dcmtk command prefix (input and output paths are appended). */
    private static final Map<String, List<String>> CONVERSIONS = new LinkedHashMap<>();

    static {
        CONVERSIONS.put("implicit LE", List.of("dcmconv", "+ti"));
        CONVERSIONS.put("explicit LE", List.of("dcmconv", "+te"));
        CONVERSIONS.put("explicit BE", List.of("dcmconv", "+tb"));
        CONVERSIONS.put("deflated", List.of("dcmconv", "+td"));
        CONVERSIONS.put("RLE", List.of("dcmcrle"));
        CONVERSIONS.put("JPEG lossless SV1 (.70)", List.of("dcmcjpeg", "+e1"));
        CONVERSIONS.put("JPEG lossless (.57)", List.of("dcmcjpeg", "+el"));
        CONVERSIONS.put("JPEG baseline (.50)", List.of("dcmcjpeg", "+eb"));
        CONVERSIONS.put("JPEG extended (.51)", List.of("dcmcjpeg", "+ee"));
    }

    @BeforeEach
    void needDcmtk() {
        assumeTrue(Dcmtk.available("dcmconv") && Dcmtk.available("dcmcjpeg") && Dcmtk.available("dcmj2pnm"),
                "dcmtk not installed");
    }

    @Test
    void decode_everyDcmtkSyntaxMatchesSourceAndDcmtk() throws Exception {
        Map<String, DicomObject> sources = new LinkedHashMap<>();
        DicomObject rgb = Fixtures.baseDataset();
        DicomWriter.putImage(rgb, Fixtures.rgbPattern(65, 47), true);
        sources.put("RGB 8-bit", rgb);
        int[] mono8 = new int[3 * 31 * 40];
        for (int i = 0; i < mono8.length; i++) {
            mono8[i] = (i * 7 + i / 40) % 256;
        }
        sources.put("MONO2 8-bit 3 frames", Fixtures.mono(31, 40, 3, 8, 8, false, mono8));
        int[] mono12 = new int[32 * 48];
        for (int i = 0; i < mono12.length; i++) {
            mono12[i] = (i * 37) % 4096;
        }
        DicomObject m12 = Fixtures.mono(32, 48, 1, 16, 12, false, mono12);
        m12.put(Tag.WindowCenter, VR.DS, "2000");
        m12.put(Tag.WindowWidth, VR.DS, "3000");
        sources.put("MONO2 12-bit windowed", m12);
        int[] signed = new int[20 * 20];
        for (int i = 0; i < signed.length; i++) {
            signed[i] = (i * 97) % 2000 - 1000;
        }
        DicomObject s16 = Fixtures.mono(20, 20, 1, 16, 16, true, signed);
        s16.put(Tag.RescaleIntercept, VR.DS, "-24");
        sources.put("MONO2 16-bit signed", s16);

        List<String> table = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, DicomObject> src : sources.entrySet()) {
            Path source = tmp.resolve(src.getKey().replace(' ', '_') + ".dcm");
            DicomWriter.write(source, src.getValue());
            ImageDecoder decoder = new ImageDecoder();
            DicomObject original = new DicomReader(ReadLimits.DEFAULT).read(source);
            for (Map.Entry<String, List<String>> conv : CONVERSIONS.entrySet()) {
                Path converted = tmp.resolve(source.getFileName() + "." + table.size() + ".dcm");
                List<String> cmd = new ArrayList<>(conv.getValue());
                cmd.add(source.toString());
                cmd.add(converted.toString());
                Dcmtk.Result made = Dcmtk.run(cmd.toArray(String[]::new));
                if (!made.ok() || !Files.exists(converted)) {
                    table.add(String.format("%-24s %-26s dcmtk cannot produce it", src.getKey(), conv.getKey()));
                    continue;
                }
                DicomObject ds = new DicomReader(ReadLimits.DEFAULT).read(converted);
                boolean lossy = PydicomCorpusTest.isLossy(ds);
                int frames = decoder.frameCount(ds);
                assertEquals(decoder.frameCount(original), frames);
                int worst = 0;
                for (int f = 0; f < frames; f++) {
                    if (!lossy) {
                        assertArrayEquals(decoder.rawFrame(original, f).samples(), decoder.rawFrame(ds, f).samples(),
                                src.getKey() + " via " + conv.getKey() + " frame " + (f + 1));
                    }
                    BufferedImage truth = Dcmtk.decode(converted, f + 1, ds, tmp);
                    assertNotNull(truth, "dcmj2pnm decodes " + conv.getKey());
                    worst = Math.max(worst, Dcmtk.maxDifference(decoder.decodeFrame(ds, f), truth));
                }
                int tolerance = lossy ? PydicomCorpusTest.LOSSY_TOLERANCE : PydicomCorpusTest.LOSSLESS_TOLERANCE;
                table.add(String.format("%-24s %-26s %d frame(s), max display diff vs dcmj2pnm %d%s", src.getKey(),
                        conv.getKey(), frames, worst, lossy ? " (lossy)" : ", samples equal to source"));
                if (worst > tolerance) {
                    failures.add(src.getKey() + " via " + conv.getKey() + ": max diff " + worst + " (kept "
                            + converted + ")");
                    Files.copy(converted, Path.of("target", converted.getFileName().toString()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                checked++;
            }
        }
        System.out.println(String.join("\n", table));
        assertEquals(List.of(), failures, "display differs from dcmj2pnm beyond tolerance");
        assertTrue(checked >= 20, "expected most conversions to be checked, got " + checked);
    }

    @Test
    void png_refusesJpegLsFromDcmtkWithOneLine() throws Exception {
        assumeTrue(Dcmtk.available("dcmcjpls"), "dcmcjpls missing");
        DicomObject ds = Fixtures.baseDataset();
        DicomWriter.putImage(ds, Fixtures.rgbPattern(16, 16), false);
        Path source = tmp.resolve("m.dcm");
        DicomWriter.write(source, ds);
        Path ls = tmp.resolve("m-ls.dcm");
        assertTrue(Dcmtk.run("dcmcjpls", source.toString(), ls.toString()).ok());
        StringWriter err = new StringWriter();
        int rc = Main.run(new String[] {"dicom", "png", ls.toString(), "--out", tmp.resolve("x.png").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, rc);
        assertEquals(1, err.toString().trim().lines().count());
        assertTrue(err.toString().contains("JPEG-LS Lossless (1.2.840.10008.1.2.4.80) is not supported"), err.toString());
    }

    @Test
    void benchIngest_reportsBothDecodersAndTheirRatio() {
        assumeTrue(Dcmtk.available("img2dcm") && Dcmtk.available("dcmcrle"), "dcmtk tools missing");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new String[] {"bench", "ingest", "--images", "2", "--size", "64", "--repeats", "1"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, rc, err.toString());
        String text = out.toString();
        assertTrue(text.contains("files: 6 "), text);
        assertTrue(text.matches("(?s).*ours: +[0-9.]+ files/s.*dcmtk: +[0-9.]+ files/s.*ratio ours/dcmtk: [0-9.]+.*"),
                text);
        assertTrue(!text.contains("refused"), "both decoders read every generated file: " + text);
    }

    @Test
    void write_outputPassesDciodvfyWithoutEncodingErrors() throws Exception {
        assumeTrue(Dcmtk.available("dciodvfy"), "dicom3tools missing");
        DicomObject ds = Fixtures.baseDataset();
        DicomWriter.putImage(ds, Fixtures.rgbPattern(16, 16), true);
        Path file = tmp.resolve("w.dcm");
        DicomWriter.write(file, ds);
        Dcmtk.Result r = Dcmtk.run("dciodvfy", file.toString());
        // Missing module attributes are the caller's business; the encoding itself must be clean.
        for (String line : r.output().lines().toList()) {
            assertTrue(!line.startsWith("Error") || line.contains("Missing attribute")
                    || line.contains("Module") || line.contains("Bad attribute Value Multiplicity")
                    || line.contains("Value invalid") || line.contains("Unrecognized enumerated"), line);
        }
        Dcmtk.Result dump = Dcmtk.run("dcmdump", "-E", file.toString());
        assertTrue(dump.ok(), dump.output());
        assertTrue(!dump.output().contains("W:") && !dump.output().contains("E:"), dump.output());
    }
}
