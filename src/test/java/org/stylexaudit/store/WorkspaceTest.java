package org.stylexaudit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path tmp;

    @Test
    void open_createsFolderDatabaseAndCache() throws Exception {
        Path dir = tmp.resolve("a/b/ws");
        try (Workspace ws = Workspace.open(dir)) {
            assertTrue(Files.isDirectory(ws.cacheDir()));
            assertTrue(ws.schemaVersion() >= 1);
        }
        assertTrue(Files.exists(dir.resolve(Workspace.DB_NAME + ".mv.db")));
    }

    @Test
    void reopen_keepsRowsAndSecret() throws Exception {
        String key;
        long run;
        try (Workspace ws = Workspace.open(tmp)) {
            key = ws.key("1.2.3");
            run = ws.runs().start("ingest", "{}");
            ws.runs().finish(run, "ok", "{\"n\":1}");
        }
        try (Workspace ws = Workspace.open(tmp)) {
            assertEquals(key, ws.key("1.2.3"));
            assertNotEquals(key, ws.key("1.2.4"));
            assertEquals("ok", ws.runs().find(run).orElseThrow().status());
            assertEquals(run, ws.runs().latest("ingest").orElseThrow().id());
        }
    }

    @Test
    void upsert_replacesRowOfSamePath() throws Exception {
        try (Workspace ws = Workspace.open(tmp)) {
            InstanceStore s = ws.instances();
            long src = s.sourceId("folder", "/x");
            assertEquals(src, s.sourceId("folder", "/x"));
            long run = ws.runs().start("ingest", "{}");
            s.upsert(new InstanceStore.Instance(0, src, "a.dcm", 10, 1, "d1", null, null, "dicom", null, null,
                    null, null, null, null, InstanceStore.REJECTED, "truncated", null), run);
            s.upsert(new InstanceStore.Instance(0, src, "a.dcm", 12, 2, "d2", "k", null, "dicom", null, null,
                    64, 64, 1, "R", InstanceStore.ACCEPTED, null, "c.png"), run);
            assertEquals(1, s.all().size());
            assertEquals("d2", s.findByPath(src, "a.dcm").orElseThrow().contentDigest());
            assertEquals(64, s.accepted().get(0).rows());
        }
    }
}
