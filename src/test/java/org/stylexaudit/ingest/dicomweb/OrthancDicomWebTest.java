package org.stylexaudit.ingest.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("external")
class OrthancDicomWebTest {

    @Test
    void roundTrip_orthancWithAuthentication(@TempDir Path dir) throws Exception {
        OrthancHarness.Result r;
        try (OrthancHarness orthanc = new OrthancHarness(dir)) {
            r = orthanc.runInside(OrthancClientChecks.class, dir.resolve("client.out"), orthanc.dicomWebUrl());
        }
        String out = r.output();
        assertEquals(0, r.exitCode(), out);
        assertTrue(out.contains("CHECK upload 200"), out);
        assertTrue(out.contains("CHECK studiesSince 1 true P-0042"), out);
        assertTrue(out.contains("CHECK studiesLater 0"), out);
        assertTrue(out.contains("CHECK instances 1"), out);
        assertTrue(out.contains("CHECK syntax 1.2.840.10008.1.2.1\n"), out);
        assertTrue(out.contains("CHECK pixel 80"), out);
        assertTrue(out.contains("CHECK stored 2 1"), out);
        assertTrue(out.contains("CHECK badauth authentication failed for http://127.0.0.1:8042/dicom-web (HTTP 401)"),
                out);
        assertFalse(out.contains("wrong-pw"), out);
    }

    @Test
    void audit_studiesInOrthanc_auditedReportStoredBackWrongPasswordOneLine(@TempDir Path dir) throws Exception {
        OrthancHarness.Result r;
        try (OrthancHarness orthanc = new OrthancHarness(dir.resolve("orthanc"))) {
            r = orthanc.runInside(OrthancAuditChecks.class, dir.resolve("audit.out"), orthanc.dicomWebUrl(),
                    dir.toString());
        }
        String out = r.output();
        assertEquals(0, r.exitCode(), out);
        assertFalse(out.contains("CHECK upload failed"), out);
        assertTrue(out.contains("CHECK first exit 0 lines 0"), out);
        assertTrue(out.contains("CHECK summary 6 6 true true"), out);
        // Three images and one Encapsulated PDF report in each audited study.
        assertTrue(out.contains("CHECK study0 4 1"), out);
        assertTrue(out.contains("CHECK study1 4 1"), out);
        assertTrue(out.contains("CHECK second exit 0"), out);
        assertTrue(out.contains("CHECK again 0 false nothing-new"), out);
        assertTrue(out.contains("CHECK pdfsAfterSecond 1"), out);
        assertTrue(out.contains("CHECK badauth exit 1 lines 1 stylex-audit audit: archive.dicomweb: authentication failed"
                + " for http://127.0.0.1:8042/dicom-web (HTTP 401)"), out);
        assertFalse(out.contains("wrong-pw"), out);
    }
}
