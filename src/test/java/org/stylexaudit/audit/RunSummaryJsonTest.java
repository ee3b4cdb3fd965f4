package org.stylexaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryJsonTest {

    @TempDir
    Path dir;

    @Test
    void write_thenRead_returnsEqualSummary() throws Exception {
        RunSummary s = new RunSummary("protocols/x.yaml", "2026-11-27T01:00:00Z", "2026-11-27T01:02:00Z", 7, 12, 1,
                0, false, "partial", List.of("attfind: not yet available", "report: not yet available"));
        Path f = dir.resolve("out/audit-summary.json");
        RunSummaryJson json = new RunSummaryJson();
        json.write(s, f);
        assertEquals(s, json.read(f));
    }
}
