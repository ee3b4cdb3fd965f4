package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomWriter;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.TransferSyntax;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.dicom.VR;
import org.stylexaudit.store.InstanceStore.Instance;
import org.stylexaudit.store.Workspace;

class DicomIngestTest {

    static final String STUDY = "1.2.826.0.1.3680043.2.1125.1.1";
    static final String OP = "1.2.826.0.1.3680043.2.1125.1.2";
    static final String VL = "1.2.826.0.1.3680043.2.1125.1.3";
    static final String MULTI = "1.2.826.0.1.3680043.2.1125.1.4";
    static final String CT = "1.2.826.0.1.3680043.2.1125.1.5";
    static final String BARE = "1.2.826.0.1.3680043.2.1125.1.6";

    @TempDir
    Path tmp;
    Path src;

    @BeforeEach
    void archive() throws Exception {
        // Folder names carrying patient data, as many archives have them.
        src = Files.createDirectories(tmp.resolve("archive/DOE_JANE_PID-738215/study1"));
        BufferedImage fundus = FundusFixtures.fundus(400, 300, 200, 150, 130, 1);

        DicomObject op = FundusFixtures.dicom(Uids.OphthalmicPhotography8BitImageStorage, OP, STUDY, fundus, true);
        op.put(Tag.ImageLaterality, VR.CS, "R");
        FundusFixtures.write(op, src.resolve("op.dcm"));

        DicomObject vl = FundusFixtures.dicom(Uids.VLPhotographicImageStorage, VL, STUDY,
                FundusFixtures.fundus(300, 300, 150, 150, 120, 2), false);
        vl.put(Tag.Laterality, VR.CS, "L");
        FundusFixtures.write(vl, src.resolve("vl"));

        DicomObject multi = FundusFixtures.dicom("1.2.840.10008.5.1.4.1.1.7.4", MULTI, STUDY, fundus, true);
        byte[] frame = multi.bytes(Tag.PixelData);
        byte[] two = Arrays.copyOf(frame, frame.length * 2);
        multi.putBytes(Tag.PixelData, VR.OB, two);
        multi.put(Tag.NumberOfFrames, VR.IS, "2");
        FundusFixtures.write(multi, src.resolve("multi.dcm"));

        FundusFixtures.write(FundusFixtures.dicom(Uids.CTImageStorage, CT, STUDY, fundus, false), src.resolve("ct.dcm"));

        // The same SOP instance stored twice (a re-send under another name): one image, one duplicate.
        Files.copy(src.resolve("op.dcm"), src.resolve("resent-op.dcm"));

        byte[] full = Files.readAllBytes(src.resolve("op.dcm"));
        Files.write(src.resolve("truncated.dcm"), Arrays.copyOf(full, full.length * 3 / 5));

        // A bare implicit VR little endian data set without preamble or file meta, as old archives hold.
        DicomObject bare = FundusFixtures.dicom(Uids.SecondaryCaptureImageStorage, BARE, STUDY,
                FundusFixtures.fundus(256, 256, 128, 128, 110, 3), true);
        Files.write(src.resolve("bare.raw"), DicomWriter.encodeDataset(bare, false, false));

        DicomObject jls = FundusFixtures.dicom(Uids.OphthalmicPhotography8BitImageStorage, "1.2.3.4.5.99", STUDY,
                null, true);
        jls.putInts(Tag.Rows, VR.US, 8);
        jls.putInts(Tag.Columns, VR.US, 8);
        jls.putInts(Tag.SamplesPerPixel, VR.US, 1);
        jls.put(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        jls.putInts(Tag.BitsAllocated, VR.US, 8);
        jls.putInts(Tag.BitsStored, VR.US, 8);
        jls.putInts(Tag.HighBit, VR.US, 7);
        jls.putFragments(Tag.PixelData, VR.OB, List.of(new byte[0], new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}));
        DicomWriter.write(src.resolve("jpegls.dcm"), jls, TransferSyntax.JPEG_LS_LOSSLESS);
    }

    private static double meanRed(BufferedImage img, int x0, int y0, int size) {
        long sum = 0;
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                sum += (img.getRGB(x, y) >> 16) & 0xFF;
            }
        }
        return sum / (double) (size * size);
    }

    private Map<String, Instance> rows(Workspace ws) throws Exception {
        Map<String, Instance> byKey = ws.instances().all().stream()
                .collect(Collectors.toMap(Instance::sourcePath, i -> i));
        Map<String, Instance> out = new java.util.HashMap<>();
        try (var files = Files.walk(tmp.resolve("archive"))) {
            for (Path p : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                String rel = tmp.resolve("archive").relativize(p).toString().replace('\\', '/');
                out.put(rel.substring(rel.indexOf('/') + 1), byKey.get(FolderIngest.catalogPath(ws, rel, false)));
            }
        }
        return out;
    }

    @Test
    void run_dicomArchive_keysLateralityClassesAndReasons() throws Exception {
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            IngestSummary s = new FolderIngest(ws, IngestOptions.of(tmp.resolve("archive"))).run(Progress.NONE);
            Map<String, Instance> r = rows(ws);
            assertEquals(8, r.size());

            Instance op = r.get("study1/op.dcm");
            assertEquals("accepted", op.status());
            assertEquals(ws.key(OP), op.imageKey());
            assertEquals(ws.key(STUDY), op.studyKey());
            assertEquals("R", op.laterality());
            assertEquals(Uids.OphthalmicPhotography8BitImageStorage, op.sopClass());
            assertEquals(Uids.ExplicitVRLittleEndian, op.transferSyntax());
            assertEquals(300, op.rows());
            assertEquals(400, op.columns());
            BufferedImage cached = ImageIO.read(ws.dir().resolve(op.cachePath()).toFile());
            assertEquals(256, cached.getWidth());
            assertTrue(meanRed(cached, 96, 96, 64) > 120, "the fundus is in the middle of the cache image");
            assertEquals(0, meanRed(cached, 0, 0, 16), 1e-9, "the corner outside the field of view is black");

            Instance vl = r.get("study1/vl");
            assertEquals("accepted", vl.status(), "recognised by content without a .dcm name");
            assertEquals("L", vl.laterality(), "Laterality (0020,0060) when Image Laterality is absent");

            Instance multi = r.get("study1/multi.dcm");
            assertEquals("accepted", multi.status());
            assertEquals(2, multi.frames());

            assertEquals("accepted", r.get("study1/bare.raw").status());

            Instance ct = r.get("study1/ct.dcm");
            assertEquals("skipped", ct.status());
            assertEquals("SOP class not of interest (CT Image Storage): catalogued only", ct.rejectionReason());
            assertEquals(ws.key(STUDY), ct.studyKey());
            assertNull(ct.cachePath());

            assertEquals("duplicate image: same SOP Instance UID as " + op.sourcePath(),
                    r.get("study1/resent-op.dcm").rejectionReason());

            Map<String, String> reasons = s.rejections().stream()
                    .collect(Collectors.toMap(j -> j.path().substring(j.path().indexOf('/') + 1),
                            IngestSummary.Rejection::reason));
            assertEquals(2, reasons.size(), reasons.toString());
            assertTrue(reasons.get("study1/truncated.dcm").startsWith("truncated DICOM: "), reasons.toString());
            assertTrue(reasons.get("study1/jpegls.dcm").startsWith("unsupported: "), reasons.toString());
            assertEquals(4, s.accepted());
            assertEquals(Map.of("SOP class not of interest (CT Image Storage)", 1, "duplicate image", 1),
                    s.skippedByReason());
        }
    }

    @Test
    void run_dicomArchive_noPatientDataOrUidInCatalog() throws Exception {
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            new FolderIngest(ws, IngestOptions.of(tmp.resolve("archive"))).run(Progress.NONE);
            StringBuilder all = new StringBuilder();
            for (String table : List.of("source", "instance", "run")) {
                try (Statement st = ws.connection().createStatement();
                     ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        for (int c = 1; c <= md.getColumnCount(); c++) {
                            all.append(rs.getString(c)).append('|');
                        }
                    }
                }
            }
            String text = all.toString();
            assertTrue(text.contains("accepted"), "the dump holds the catalog");
            for (String secret : List.of(FundusFixtures.PATIENT_NAME, FundusFixtures.PATIENT_ID, "19500101", OP, STUDY,
                    MULTI, VL, "DOE_JANE", "study1")) {
                assertFalse(text.contains(secret), secret + " must not be stored");
            }
        }
    }
}
