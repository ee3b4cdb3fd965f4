package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;
import org.stylexaudit.store.InstanceStore.Instance;
import org.stylexaudit.store.Workspace;

/** Folder trees built to trap a walker: link loops, odd names, unreadable entries. */
class HostileTreeTest {

    @TempDir
    Path tmp;

    private Path archive() throws IOException {
        return Files.createDirectories(tmp.resolve("archive")).toRealPath();
    }

    private static Map<String, FolderWalker.Kind> kinds(Path root) throws IOException {
        return new FolderWalker(root).walk().stream()
                .collect(Collectors.toMap(FolderWalker.Entry::relPath, FolderWalker.Entry::kind));
    }

    @Test
    void walk_symbolicLinkLoops_endWithEachLinkListedOnce() throws IOException {
        Path root = archive();
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("a/b/up"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("a/self"), root.resolve("a/self"));
        Files.createSymbolicLink(root.resolve("x"), root.resolve("y"));
        Files.createSymbolicLink(root.resolve("y"), root.resolve("x"));
        Files.createSymbolicLink(root.resolve("root"), root);
        Map<String, FolderWalker.Kind> kinds = kinds(root);
        assertEquals(FolderWalker.Kind.LINK_INSIDE, kinds.get("a/b/up"));
        assertEquals(FolderWalker.Kind.LINK_INSIDE, kinds.get("root"));
        assertEquals(FolderWalker.Kind.LINK_BROKEN, kinds.get("a/self"));
        assertEquals(FolderWalker.Kind.LINK_BROKEN, kinds.get("x"));
        assertEquals(FolderWalker.Kind.LINK_BROKEN, kinds.get("y"));
        assertEquals(5, kinds.size(), "nothing is listed through a link: " + kinds);
    }

    @Test
    void ingest_oddNames_areEachCataloguedWithAReason() throws Exception {
        Path root = archive();
        String newline = "new\nline.png";
        String longName = "l".repeat(250) + ".png";
        String spaces = " lead & trail ;$(x) .png";
        for (String n : List.of(newline, longName, spaces, "ünïcødé-眼底.png")) {
            FundusFixtures.write(FundusFixtures.fundus(200, 160, 100, 80, 70, n.length()), "png", root.resolve(n));
        }
        Files.writeString(root.resolve("-rf"), "not an image");
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            IngestSummary s = new FolderIngest(ws, IngestOptions.of(root).withKeepPaths(true)).run(Progress.NONE);
            Map<String, Instance> rows = ws.instances().all().stream()
                    .collect(Collectors.toMap(Instance::sourcePath, i -> i));
            assertEquals(5, rows.size());
            for (String n : List.of(newline, longName, spaces, "ünïcødé-眼底.png")) {
                assertEquals("accepted", rows.get(n).status(), n);
            }
            assertEquals("rejected", rows.get("-rf").status());
            assertTrue(rows.get("-rf").rejectionReason().startsWith("not an image"));
            assertTrue(s.hasRejections());
        }
    }

    @Test
    void walk_nameWithInvalidUtf8_isListedNotFatal() throws Exception {
        Path root = archive();
        // Java cannot name such a file on a UTF-8 file system; the shell can. Skipped where it cannot be made.
        Process p = new ProcessBuilder("sh", "-c", "printf 'x' > \"$(printf 'bad-\\377\\376.png')\"")
                .directory(root.toFile()).start();
        Assumptions.assumeTrue(p.waitFor() == 0, "cannot create a file with an invalid UTF-8 name here");
        try (var list = Files.list(root)) {
            Assumptions.assumeTrue(list.count() == 1, "the file system refused the name");
        }
        List<FolderWalker.Entry> entries = new FolderWalker(root).walk();
        assertEquals(1, entries.size());
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            IngestSummary s = new FolderIngest(ws, IngestOptions.of(root)).run(Progress.NONE);
            Instance row = ws.instances().all().get(0);
            assertEquals("rejected", row.status(), "a one-byte file is not an image");
            assertTrue(s.hasRejections());
        }
    }

    @Test
    void ingest_unreadableFileAndFolder_areRejectedAsUnreadable() throws Exception {
        Path root = archive();
        Files.createDirectories(root.resolve("closed"));
        FundusFixtures.write(FundusFixtures.fundus(200, 160, 100, 80, 70, 1), "png", root.resolve("closed/in.png"));
        FundusFixtures.write(FundusFixtures.fundus(200, 160, 100, 80, 70, 2), "png", root.resolve("locked.png"));
        Files.setPosixFilePermissions(root.resolve("locked.png"), PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(root.resolve("closed"), PosixFilePermissions.fromString("---------"));
        try {
            // root (and CAP_DAC_OVERRIDE) reads through any permission: then there is nothing to test here.
            Assumptions.assumeFalse(Files.isReadable(root.resolve("locked.png")),
                    "running with permission to read everything (root); unreadable entries cannot be made");
            try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
                new FolderIngest(ws, IngestOptions.of(root).withKeepPaths(true)).run(Progress.NONE);
                Map<String, Instance> rows = ws.instances().all().stream()
                        .collect(Collectors.toMap(Instance::sourcePath, i -> i));
                assertTrue(rows.get("locked.png").rejectionReason().startsWith(Reasons.UNREADABLE));
                assertTrue(rows.get("closed/").rejectionReason().startsWith(Reasons.UNREADABLE));
                assertFalse(rows.containsKey("closed/in.png"));
            }
        } finally {
            Files.setPosixFilePermissions(root.resolve("closed"), PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(root.resolve("locked.png"), PosixFilePermissions.fromString("rw-------"));
        }
    }
}
