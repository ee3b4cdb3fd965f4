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
}
