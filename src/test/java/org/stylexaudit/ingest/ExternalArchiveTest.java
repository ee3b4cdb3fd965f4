package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.store.InstanceStore.Instance;
import org.stylexaudit.store.Workspace;

/** Ingests material made by other tools: Debian's pydicom test corpus and files wrapped by dcmtk's img2dcm. */
@Tag("external")
class ExternalArchiveTest {

    static final Path PYDICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    @TempDir
    Path tmp;

    @Test
    void run_pydicomCorpus_everyFileCatalogedNoneCrashesTheRun() throws Exception {
        assumeTrue(Files.isDirectory(PYDICOM), "python3-pydicom is installed");
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            IngestSummary s = new FolderIngest(ws, IngestOptions.of(PYDICOM)).run(Progress.NONE);
            List<Instance> rows = ws.instances().all();
            assertEquals(s.seen(), rows.size(), "one row per file");
            assertEquals(s.seen(), s.accepted() + s.rejected() + s.skipped());
            assertTrue(s.accepted() > 0, "some corpus images are of a class of interest or secondary capture");
            for (Instance i : rows) {
                assertTrue(Set.of("accepted", "rejected", "skipped").contains(i.status()), i.toString());
                if (!"accepted".equals(i.status())) {
                    assertFalse(i.rejectionReason() == null || i.rejectionReason().isBlank(), i.toString());
                }
            }
            // A decoder crash would show as "decoding failed"; every refusal must be a worded one.
            List<String> crashes = s.rejections().stream().filter(r -> r.reason().startsWith("decoding failed"))
                    .map(r -> r.path() + ": " + r.reason()).collect(Collectors.toList());
            assertEquals(List.of(), crashes);
            // Only SOP classes of interest get into the cache.
            for (Instance i : ws.instances().accepted()) {
                if ("dicom".equals(i.format())) {
                    assertTrue(DicomImages.OF_INTEREST.contains(i.sopClass()), i.toString());
                }
            }
        }
    }

    private static void img2dcm(Path jpeg, Path out, String... options) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("img2dcm"));
        cmd.addAll(List.of(options));
        cmd.add(jpeg.toString());
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "img2dcm failed: " + text);
    }

    @Test
    void run_img2dcmWrappedJpegs_sameCacheImageAsThePlainJpeg() throws Exception {
        Process probe = new ProcessBuilder("img2dcm", "--version").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        assumeTrue(probe.waitFor() == 0, "dcmtk is installed");
        Path src = Files.createDirectories(tmp.resolve("archive"));
        Path jpeg = FundusFixtures.write(FundusFixtures.fundus(800, 600, 400, 300, 270, 11), "jpeg",
                tmp.resolve("fundus.jpg"));
        Files.copy(jpeg, src.resolve("plain.jpg"));
        img2dcm(jpeg, src.resolve("vl.dcm"), "--vl-photo", "-k", "ImageLaterality=R", "-k", "PatientName=DOE^JANE");
        img2dcm(jpeg, src.resolve("op.dcm"), "--no-checks", "--oph-photo", "-k", "ImageLaterality=L");
        img2dcm(jpeg, src.resolve("sc.dcm"));
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            IngestSummary s = new FolderIngest(ws, IngestOptions.of(src).withKeepPaths(true)).run(Progress.NONE);
            assertEquals(4, s.accepted(), s.toString());
            Map<String, Instance> rows = ws.instances().all().stream()
                    .collect(Collectors.toMap(Instance::sourcePath, i -> i));
            assertEquals("R", rows.get("vl.dcm").laterality());
            assertEquals(Uids.VLPhotographicImageStorage, rows.get("vl.dcm").sopClass());
            assertEquals("L", rows.get("op.dcm").laterality());
            assertEquals(Uids.OphthalmicPhotography8BitImageStorage, rows.get("op.dcm").sopClass());
            assertEquals(Uids.JPEGBaseline8Bit, rows.get("sc.dcm").transferSyntax());
            BufferedImage plain = ImageIO.read(ws.dir().resolve(rows.get("plain.jpg").cachePath()).toFile());
            for (String name : List.of("vl.dcm", "op.dcm", "sc.dcm")) {
                BufferedImage viaDicom = ImageIO.read(ws.dir().resolve(rows.get(name).cachePath()).toFile());
                double diff = meanAbsDiff(plain, viaDicom);
                // Same JPEG bitstream; only the YCbCr->RGB conversion may differ by a level or two.
                assertTrue(diff < 2.0, name + " differs from the plain JPEG by " + diff + " levels on average");
            }
        }
    }

    private static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
