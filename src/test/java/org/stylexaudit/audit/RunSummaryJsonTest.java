package org.stylexaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryJsonTest {

    @TempDir
    Path dir;

    @Test
    void write_thenRead_returnsEqualSummary() throws Exception {
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("ingest", 1.5);
        timings.put("attfind", 20.25);
        RunSummary s = new RunSummary("protocols/x.yaml", "2026-11-27T01:00:00Z", "2026-11-27T01:02:00Z", 9, 7, 12,
                1, 40, 12, Map.of("a", 30, "b", 10), true, 8,
                List.of(new RunSummary.ClassFindings("b", List.of(new RunSummary.Finding("b1", "b8_conv0 #3 +",
                        0.21, 0.6)))), "/out/audit-report-2026-11-27.pdf", null, timings, "partial",
                List.of("attfind.images_per_run is 100 but the workspace has 40 accepted images"));
        Path f = dir.resolve("out/audit-summary.json");
        RunSummaryJson json = new RunSummaryJson();
        json.write(s, f);
        assertEquals(s, json.read(f));
    }
}
