package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.Progress;
import org.stylexaudit.store.InstanceStore;
import org.stylexaudit.store.InstanceStore.Instance;
import org.stylexaudit.store.Workspace;

class FolderIngestTest {

    @TempDir
    Path tmp;
    Path src;
    Path wsDir;

    /** Good images, a duplicate, and a set of broken files, each with the reason category it must get. */
    static final Map<String, String> BAD = Map.of(
            "bad/truncated.png", "truncated PNG",
            "bad/truncated.jpg", "truncated JPEG",
            "bad/notes.bin", "not an image",
            "bad/fake.dcm", "not an image",
            "bad/zero.dcm", "empty file",
            "bad/blank.png", "blank image",
            "bad/outside-link.png", "symbolic link outside the source");

    @BeforeEach
    void tree() throws IOException {
        src = Files.createDirectories(tmp.resolve("archive"));
        wsDir = tmp.resolve("ws");
        Files.createDirectories(src.resolve("good/sub"));
        Files.createDirectories(src.resolve("bad"));
        FundusFixtures.write(FundusFixtures.fundus(600, 450, 300, 225, 200, 1), "png", src.resolve("good/a.png"));
        FundusFixtures.write(FundusFixtures.fundus(640, 480, 330, 240, 210, 2), "jpeg", src.resolve("good/b.jpg"));
        FundusFixtures.write(FundusFixtures.fundus(500, 500, 250, 250, 230, 3), "tiff", src.resolve("good/sub/c.tif"));
        Files.copy(src.resolve("good/a.png"), src.resolve("good/copy-of-a.png"));
        byte[] png = Files.readAllBytes(src.resolve("good/a.png"));
        Files.write(src.resolve("bad/truncated.png"), java.util.Arrays.copyOf(png, png.length / 2));
        byte[] jpg = Files.readAllBytes(src.resolve("good/b.jpg"));
        Files.write(src.resolve("bad/truncated.jpg"), java.util.Arrays.copyOf(jpg, jpg.length / 2));
        Files.writeString(src.resolve("bad/notes.bin"), "reading list\n");
        Files.writeString(src.resolve("ground-truth.csv"), "file,label\ngood/a.png,1\n");
        Files.writeString(src.resolve("bad/fake.dcm"), "this file only claims to be DICOM by its name");
        Files.write(src.resolve("bad/zero.dcm"), new byte[0]);
        FundusFixtures.write(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB), "png", src.resolve("bad/blank.png"));
        Path outside = FundusFixtures.write(FundusFixtures.fundus(100, 100, 50, 50, 40, 9), "png", tmp.resolve("outside.png"));
        Files.createSymbolicLink(src.resolve("bad/outside-link.png"), outside);
        Files.createSymbolicLink(src.resolve("good/link-to-c.tif"), src.resolve("good/sub/c.tif"));
    }

    private IngestSummary ingest(Workspace ws) throws IngestException {
        return new FolderIngest(ws, IngestOptions.of(src)).run(Progress.NONE);
    }

    /** Returns the row of a relative path, stored under its keyed hash. */
    private static Instance row(Workspace ws, String relPath) throws Exception {
        long sourceId = ws.instances().all().get(0).sourceId();
        return ws.instances().findByPath(sourceId, FolderIngest.catalogPath(ws, relPath, false)).orElseThrow();
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.collect(Collectors.toList())) {
                String v = Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p) ? "dir"
                        : Files.size(p) + "/" + Files.getLastModifiedTime(p).toMillis() + "/" + Digests.sha256Hex(p);
                m.put(root.relativize(p).toString(), v);
            }
        }
        return m;
    }

    private static List<Path> cacheImages(Workspace ws) throws IOException {
        try (Stream<Path> s = Files.list(ws.cacheDir())) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void run_mixedTree_acceptsGoodRejectsEachBadWithReason() throws Exception {
        try (Workspace ws = Workspace.open(wsDir)) {
            IngestSummary s = ingest(ws);
            assertEquals(13, s.seen());
            assertEquals(3, s.accepted());
            assertEquals(BAD.size(), s.rejected());
            assertEquals(3, s.skipped(), "the duplicate copy, the link inside the source and the CSV sidecar");
            assertEquals(Map.of("duplicate image", 1, "symbolic link inside the source", 1, "not an image", 1),
                    s.skippedByReason());
            Map<String, String> reasons = s.rejections().stream()
                    .collect(Collectors.toMap(IngestSummary.Rejection::path, IngestSummary.Rejection::reason));
            assertEquals(BAD.keySet(), reasons.keySet());
            BAD.forEach((path, category) -> assertTrue(reasons.get(path).startsWith(category),
                    path + " rejected for '" + reasons.get(path) + "', expected " + category));

            List<Instance> rows = ws.instances().all();
            assertEquals(13, rows.size(), "every entry has a catalog row");
            List<Instance> accepted = ws.instances().accepted();
            assertEquals(List.of(row(ws, "good/a.png"), row(ws, "good/b.jpg"), row(ws, "good/sub/c.tif")), accepted);
            for (Instance i : accepted) {
                assertEquals(ws.key(i.contentDigest()), i.imageKey());
                assertEquals("cache/" + i.imageKey() + ".png", i.cachePath());
                BufferedImage cached = ImageIO.read(ws.dir().resolve(i.cachePath()).toFile());
                assertEquals(256, cached.getWidth());
                assertEquals(256, cached.getHeight());
            }
            assertEquals(3, cacheImages(ws).size(), "no temporary or duplicate files left in the cache");
            Instance dup = row(ws, "good/copy-of-a.png");
            assertEquals("skipped", dup.status());
            assertEquals("duplicate image: same content as " + row(ws, "good/a.png").sourcePath(), dup.rejectionReason());
            assertEquals(450, row(ws, "good/a.png").rows());
            for (Instance i : rows) {
                assertTrue(i.sourcePath().matches("[0-9a-f]{64}"), "paths are stored as keyed hashes: " + i);
            }
        }
    }

    @Test
    void run_twice_secondRunAddsNothingAndSourceIsUntouched() throws Exception {
        Map<String, String> before = snapshot(src);
        try (Workspace ws = Workspace.open(wsDir)) {
            IngestSummary first = ingest(ws);
            List<Instance> rowsAfterFirst = ws.instances().all();
            List<Path> cacheAfterFirst = cacheImages(ws);
            IngestSummary second = ingest(ws);
            assertEquals(0, second.accepted());
            assertEquals(0, second.rejected());
            assertEquals(0, second.skipped());
            assertEquals(first.seen(), second.unchanged());
            assertEquals(BAD.size(), second.unchangedRejected());
            assertFalse(second.hasRejections());
            assertEquals(rowsAfterFirst, ws.instances().all());
            assertEquals(cacheAfterFirst, cacheImages(ws));

            JsonNode stored = new ObjectMapper().readTree(ws.runs().find(second.runId()).orElseThrow().summary());
            assertEquals(first.seen(), stored.get("unchanged").asInt());
            assertEquals("ok", ws.runs().find(second.runId()).orElseThrow().status());
            assertEquals("partial", ws.runs().find(first.runId()).orElseThrow().status());
            JsonNode firstStored = new ObjectMapper().readTree(ws.runs().find(first.runId()).orElseThrow().summary());
            assertEquals(BAD.size(), firstStored.get("rejections").size());
            assertEquals(FolderIngest.catalogPath(ws, "bad/blank.png", false),
                    firstStored.get("rejections").get(0).get("path").asText(), "the stored summary keys paths too");
        }
        assertEquals(before, snapshot(src), "ingest never writes into the source");
    }

    @Test
    void run_modelBundleFolder_skippedOnceAndNotDescended() throws Exception {
        Path bundle = Files.createDirectories(src.resolve("bundle"));
        Files.writeString(bundle.resolve("bundle.json"), "{}");
        // A bundle's contact sheet is a PNG; it must not end up in the catalog as a patient image.
        Files.copy(src.resolve("good/a.png"), bundle.resolve("fidelity-sheet.png"));
        Files.writeString(bundle.resolve("encoder.onnx"), "not an image");
        try (Workspace ws = Workspace.open(wsDir)) {
            IngestSummary first = ingest(ws);
            assertEquals(3, first.accepted());
            assertEquals(BAD.size(), first.rejected(), "the ONNX file is not rejected: the folder is not entered");
            assertEquals(2, first.skippedByReason().get("not an image"), "the CSV sidecar and the bundle folder");
            assertEquals("skipped", row(ws, "bundle/").status());
            assertTrue(row(ws, "bundle/").rejectionReason().contains("model bundle"));
            IngestSummary second = ingest(ws);
            assertEquals(0, second.skipped(), "the bundle folder is unchanged on the second run");
            assertEquals(0, second.accepted());
        }
    }

    @Test
    void run_touchedAndChangedFiles_digestDecides() throws Exception {
        try (Workspace ws = Workspace.open(wsDir)) {
            ingest(ws);
            Instance oldB = row(ws, "good/b.jpg");
            Files.setLastModifiedTime(src.resolve("good/a.png"), FileTime.fromMillis(1_000_000_000L));
            FundusFixtures.write(FundusFixtures.fundus(640, 480, 300, 240, 200, 77), "jpeg", src.resolve("good/b.jpg"));

            IngestSummary s = ingest(ws);
            assertEquals(1, s.accepted(), "only the re-written JPEG is processed again");
            assertEquals(12, s.unchanged(), "the touched PNG counts as unchanged by its digest");
            assertEquals(1_000_000_000L, row(ws, "good/a.png").fileMtime());
            Instance newB = row(ws, "good/b.jpg");
            assertNotEquals(oldB.imageKey(), newB.imageKey());
            assertFalse(Files.exists(ws.dir().resolve(oldB.cachePath())), "the stale cache image is removed");
            assertTrue(Files.exists(ws.dir().resolve(newB.cachePath())));
            assertEquals(13, ws.instances().all().size());
        }
    }

    @Test
    void run_killedPartWay_resumesWithoutDuplicates() throws Exception {
        try (Workspace ws = Workspace.open(wsDir)) {
            Progress dying = new Progress() {
                @Override
                public void start(String task, long total) {
                }

                @Override
                public void advance(long done, String detail) {
                    if (done == 5) {
                        throw new IllegalStateException("simulated kill after 5 files");
                    }
                }

                @Override
                public void finish() {
                }
            };
            IngestException e = assertThrows(IngestException.class,
                    () -> new FolderIngest(ws, IngestOptions.of(src)).run(dying));
            assertTrue(e.getMessage().contains("simulated kill"));
            assertEquals(5, ws.instances().all().size(), "each file was committed on its own");

            IngestSummary resumed = ingest(ws);
            assertEquals(5, resumed.unchanged());
            assertEquals(13, ws.instances().all().size());
            assertEquals(3, ws.instances().accepted().size());
            assertEquals(3, cacheImages(ws).size());
        }
    }

    @Test
    void run_deletedCacheImage_isRebuilt() throws Exception {
        try (Workspace ws = Workspace.open(wsDir)) {
            ingest(ws);
            Instance a = ws.instances().accepted().get(0);
            Files.delete(ws.dir().resolve(a.cachePath()));
            IngestSummary s = ingest(ws);
            assertEquals(1, s.accepted());
            assertTrue(Files.exists(ws.dir().resolve(a.cachePath())));
        }
    }

    @Test
    void run_twoThreads_sameCatalogAsOne() throws Exception {
        List<String> one;
        try (Workspace ws = Workspace.open(tmp.resolve("ws1"))) {
            new FolderIngest(ws, IngestOptions.of(src).withKeepPaths(true)).run(Progress.NONE);
            one = ws.instances().all().stream().map(FolderIngestTest::withoutKeys).collect(Collectors.toList());
        }
        try (Workspace ws = Workspace.open(tmp.resolve("ws2"))) {
            IngestSummary s = new FolderIngest(ws, IngestOptions.of(src).withThreads(2).withKeepPaths(true))
                    .run(Progress.NONE);
            assertEquals(3, s.accepted());
            assertEquals(one, ws.instances().all().stream().map(FolderIngestTest::withoutKeys)
                    .collect(Collectors.toList()));
        }
    }

    /** A row without the fields that legitimately differ between workspaces (ids, keyed hashes of content). */
    private static String withoutKeys(Instance i) {
        return String.join("|", i.sourcePath(), Long.toString(i.fileSize()), i.contentDigest(), i.format(),
                i.status(), String.valueOf(i.rejectionReason()), String.valueOf(i.rows()));
    }

    @Test
    void run_keepPaths_storesPathsInClear() throws Exception {
        try (Workspace ws = Workspace.open(wsDir)) {
            new FolderIngest(ws, IngestOptions.of(src).withKeepPaths(true)).run(Progress.NONE);
            Instance dup = ws.instances().findByPath(ws.instances().all().get(0).sourceId(), "good/copy-of-a.png")
                    .orElseThrow();
            assertEquals("duplicate image: same content as good/a.png", dup.rejectionReason());
        }
    }

    @Test
    void run_switchingPathMode_refused() throws Exception {
        try (Workspace ws = Workspace.open(wsDir)) {
            ingest(ws);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FolderIngest(ws, IngestOptions.of(src).withKeepPaths(true)).run(Progress.NONE));
            assertTrue(e.getMessage().contains("ingested with keyed paths"), e.getMessage());
            assertEquals(13, ws.instances().all().size());
        }
    }

    @Test
    void run_workspaceInsideSource_refused() throws Exception {
        try (Workspace ws = Workspace.open(src.resolve("ws"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ingest(ws));
            assertTrue(e.getMessage().contains("inside the source"), e.getMessage());
        }
    }

    @Test
    void run_sourceInsideWorkspace_refused() throws Exception {
        try (Workspace ws = Workspace.open(wsDir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FolderIngest(ws, IngestOptions.of(ws.cacheDir())).run(Progress.NONE));
            assertTrue(e.getMessage().contains("lies inside the workspace"), e.getMessage());
        }
    }

    @Test
    void run_otherCacheSize_refused() throws Exception {
        try (Workspace ws = Workspace.open(wsDir)) {
            ingest(ws);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FolderIngest(ws, IngestOptions.of(src).withCacheSize(128)).run(Progress.NONE));
            assertTrue(e.getMessage().contains("256 px"), e.getMessage());
        }
    }

    @Test
    void run_namedPipe_rejectedWithoutOpening() throws Exception {
        Path fifo = src.resolve("bad/pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo is available");
        try (Workspace ws = Workspace.open(wsDir)) {
            IngestSummary s = ingest(ws);
            assertTrue(s.rejections().contains(new IngestSummary.Rejection("bad/pipe",
                    "not a regular file (device, pipe or socket)")));
            assertEquals(InstanceStore.REJECTED, row(ws, "bad/pipe").status());
        }
    }
}
