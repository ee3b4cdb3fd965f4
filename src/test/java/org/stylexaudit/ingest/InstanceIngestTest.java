package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomWriter;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.TransferSyntax;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.dicom.VR;
import org.stylexaudit.store.Workspace;

class InstanceIngestTest {

    @TempDir
    Path tmp;

    private static byte[] fundus(String sopUid) throws Exception {
        DicomObject ds = new DicomObject();
        ds.put(Tag.SOPClassUID, VR.UI, Uids.OphthalmicPhotography8BitImageStorage);
        ds.put(Tag.SOPInstanceUID, VR.UI, sopUid);
        ds.put(Tag.StudyInstanceUID, VR.UI, "1.2.3.4");
        ds.put(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.1");
        ds.put(Tag.PatientID, VR.LO, "P-1");
        ds.put(Tag.Modality, VR.CS, "OP");
        BufferedImage img = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 80; x++) {
                if (Math.hypot(x - 40, y - 40) < 36) {
                    img.setRGB(x, y, 0xb04020 + (x * 3 + y) % 7);
                }
            }
        }
        DicomWriter.putImage(ds, img, true);
        return DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LE);
    }

    @Test
    void add_part10Bytes_acceptedOnceUnderTheIdentifierWithoutTemporaries() throws Exception {
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            String id = ws.key("sop:1.2.3.4.1.1");
            IngestSummary s;
            try (InstanceIngest in = InstanceIngest.start(ws, "dicomweb", "http://pacs/dicom-web")) {
                assertFalse(in.known(id));
                in.add(id, fundus("1.2.3.4.1.1"));
                assertTrue(in.known(id));
                in.add(id, fundus("1.2.3.4.1.1"));
                in.add(ws.key("sop:junk"), new byte[] {1, 2, 3});
                s = in.finish();
            }
            assertEquals(1, ws.instances().accepted().size());
            assertEquals(id, ws.instances().accepted().get(0).sourcePath());
            assertEquals(1, s.rejected());
            assertEquals("partial", ws.runs().find(s.runId()).orElseThrow().status());
            try (var files = Files.list(ws.cacheDir())) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".ingest-")));
            }
        }
    }
}
