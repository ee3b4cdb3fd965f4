package org.stylexaudit.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.Progress;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomReader;
import org.stylexaudit.dicom.ReadLimits;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.Uids;

class SynthGeneratorTest {

    @TempDir
    Path tmp;

    private static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().equals("synth.json")) {
                    m.put(root.relativize(p).toString(), Digests.sha256Hex(p));
                }
            }
        }
        return m;
    }

    @Test
    void generate_sameSeed_sameBytes() throws Exception {
        SynthConfig c = new SynthConfig(12, 42, 64, 0.8, 0.03, OutputFormat.ARCHIVE);
        new SynthGenerator(c).generate(tmp.resolve("a"), Progress.NONE);
        new SynthGenerator(c).generate(tmp.resolve("b"), Progress.NONE);
        Map<String, String> a = digests(tmp.resolve("a"));
        assertTrue(a.size() >= 13, "12 images and the CSV");
        assertEquals(a, digests(tmp.resolve("b")));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tmp.resolve("a/synth.json").toFile());
        assertEquals(42, json.at("/config/seed").asLong());
        assertEquals(Digests.sha256Hex(tmp.resolve("a/ground-truth.csv")), json.get("ground_truth_sha256").asText());
        assertTrue(json.get("command").asText().contains("--seed 42"));
    }

    @Test
    void generate_threadCount_doesNotChangeOutput() throws Exception {
        SynthConfig c = new SynthConfig(10, 8, 64, 0.8, 0.03, OutputFormat.ARCHIVE);
        new SynthGenerator(c).generate(tmp.resolve("one"), Progress.NONE, 1);
        new SynthGenerator(c).generate(tmp.resolve("two"), Progress.NONE, 2);
        assertEquals(digests(tmp.resolve("one")), digests(tmp.resolve("two")));
    }

    @Test
    void generate_differentSeeds_differentImages() throws Exception {
        new SynthGenerator(new SynthConfig(6, 1, 64, 0.8, 0.03, OutputFormat.PNG))
                .generate(tmp.resolve("a"), Progress.NONE);
        new SynthGenerator(new SynthConfig(6, 2, 64, 0.8, 0.03, OutputFormat.PNG))
                .generate(tmp.resolve("b"), Progress.NONE);
        for (int i = 1; i <= 6; i++) {
            String name = String.format("images/img%06d.png", i);
            BufferedImage a = ImageIO.read(tmp.resolve("a").resolve(name).toFile());
            BufferedImage b = ImageIO.read(tmp.resolve("b").resolve(name).toFile());
            assertFalse(java.util.Arrays.equals(pixels(a), pixels(b)), name + " must differ between seeds");
        }
    }

    @Test
    void generate_groundTruthRedrawsEveryImage() throws Exception {
        SynthResult r = new SynthGenerator(new SynthConfig(8, 5, 64, 0.8, 0.03, OutputFormat.PNG))
                .generate(tmp, Progress.NONE);
        List<GroundTruthRow> rows = GroundTruth.read(r.groundTruth());
        assertEquals(8, rows.size());
        FundusRenderer renderer = new FundusRenderer();
        for (GroundTruthRow row : rows) {
            BufferedImage onDisk = ImageIO.read(tmp.resolve(row.file()).toFile());
            assertArrayEquals(pixels(onDisk), pixels(renderer.render(row.factors(), row.resolution())),
                    row.file() + " must be redrawn exactly from its CSV row");
            assertEquals(ReferableDr.of(row.factors()) ^ row.labelFlipped(), row.referableDr());
        }
    }

    @Test
    void generate_archiveHasReadableOphthalmicDicomWithRowUids() throws Exception {
        SynthResult r = new SynthGenerator(new SynthConfig(30, 3, 64, 0.8, 0.03, OutputFormat.ARCHIVE))
                .generate(tmp, Progress.NONE);
        assertTrue(r.dicom() > 0 && r.png() + r.jpeg() > 0, "archive has DICOM and exports: " + r);
        DicomReader reader = new DicomReader(ReadLimits.DEFAULT);
        for (GroundTruthRow row : GroundTruth.read(r.groundTruth())) {
            Path file = tmp.resolve(row.file());
            assertTrue(Files.isRegularFile(file), row.file());
            if (!row.format().equals("dicom")) {
                assertTrue(row.file().startsWith("exports/"));
                assertEquals(64, ImageIO.read(file.toFile()).getWidth());
                continue;
            }
            DicomObject ds = reader.read(file);
            assertEquals(Uids.OphthalmicPhotography8BitImageStorage, ds.string(Tag.SOPClassUID));
            assertEquals(row.sopInstanceUid(), ds.string(Tag.SOPInstanceUID));
            assertEquals(row.studyInstanceUid(), ds.string(Tag.StudyInstanceUID));
            assertEquals(row.patient().id(), ds.string(Tag.PatientID));
            assertEquals(row.factors().laterality().dicomCode(), ds.string(Tag.ImageLaterality));
            assertArrayEquals(rgbBytes(new FundusRenderer().render(row.factors(), 64)), ds.bytes(Tag.PixelData));
        }
    }

    @Test
    void plan_bothEyesPerVisitAndSplitsPerPatient() {
        List<GroundTruthRow> rows = new SynthGenerator(new SynthConfig(200, 9, 64, 0.8, 0.03,
                OutputFormat.ARCHIVE)).plan();
        Map<String, String> splitOfPatient = new TreeMap<>();
        Map<String, Integer> eyesPerStudy = new TreeMap<>();
        for (GroundTruthRow r : rows) {
            String previous = splitOfPatient.putIfAbsent(r.patient().id(), r.split());
            assertTrue(previous == null || previous.equals(r.split()), "one split per patient");
            eyesPerStudy.merge(r.studyInstanceUid(), 1, Integer::sum);
        }
        long pairs = eyesPerStudy.values().stream().filter(n -> n == 2).count();
        assertTrue(pairs >= eyesPerStudy.size() - 1, "every visit but the last has both eyes");
    }

    @Test
    void plan_shortcutStrengthTiesCameraToLabel() {
        List<GroundTruthRow> tied = new SynthGenerator(new SynthConfig(400, 11, 64, 1.0, 0.0,
                OutputFormat.PNG)).plan();
        for (GroundTruthRow r : tied) {
            assertEquals(CameraModel.shortcutCamera(r.referableDr()), r.factors().camera());
        }
        List<GroundTruthRow> free = new SynthGenerator(new SynthConfig(2000, 11, 64, 0.0, 0.0,
                OutputFormat.PNG)).plan();
        double warmGivenReferable = share(free, true);
        double warmGivenNot = share(free, false);
        assertEquals(warmGivenReferable, warmGivenNot, 0.06, "camera independent of label at strength 0");
        assertNotEquals(0, free.stream().filter(GroundTruthRow::referableDr).count());
    }

    private static double share(List<GroundTruthRow> rows, boolean referable) {
        long n = rows.stream().filter(r -> r.referableDr() == referable).count();
        long warm = rows.stream().filter(r -> r.referableDr() == referable)
                .filter(r -> r.factors().camera() == CameraModel.AURORA_FX50).count();
        return (double) warm / n;
    }

    private static byte[] rgbBytes(BufferedImage img) {
        int[] p = pixels(img);
        byte[] out = new byte[p.length * 3];
        for (int i = 0; i < p.length; i++) {
            out[3 * i] = (byte) (p[i] >> 16);
            out[3 * i + 1] = (byte) (p[i] >> 8);
            out[3 * i + 2] = (byte) p[i];
        }
        return out;
    }

    static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
