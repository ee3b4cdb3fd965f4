package org.stylexaudit.ingest.dicomweb;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomReader;
import org.stylexaudit.dicom.DicomWriter;
import org.stylexaudit.dicom.ReadLimits;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.TransferSyntax;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.dicom.VR;

/** Client side of the Orthanc test, run inside Orthanc's network namespace; prints "CHECK name value" lines. */
public final class OrthancClientChecks {

    private OrthancClientChecks() {
    }

    /** Runs the checks against args[0] (DICOMweb base URL); exits 0 when all ran. */
    public static void main(String[] args) throws Exception {
        String dw = args[0];
        String rest = dw.substring(0, dw.lastIndexOf("/dicom-web"));
        Credentials good = new Credentials(OrthancHarness.USER, OrthancHarness.PASSWORD);
        HttpClient http = HttpClient.newHttpClient();
        waitUntilUp(http, rest, good);

        String studyUid = Uids.newUid();
        DicomObject ds = new DicomObject();
        ds.put(Tag.SOPClassUID, VR.UI, Uids.OphthalmicPhotography8BitImageStorage);
        ds.put(Tag.SOPInstanceUID, VR.UI, Uids.newUid());
        ds.put(Tag.StudyInstanceUID, VR.UI, studyUid);
        ds.put(Tag.SeriesInstanceUID, VR.UI, Uids.newUid());
        ds.put(Tag.PatientID, VR.LO, "P-0042");
        ds.put(Tag.StudyDate, VR.DA, "20260301");
        ds.put(Tag.Modality, VR.CS, "OP");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(16, 8,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 2, 0x804020);
        DicomWriter.putImage(ds, img, true);
        // Implicit VR upload so that the explicit-VR answer proves the Accept transfer syntax was honoured.
        byte[] upload = DicomWriter.encode(ds, TransferSyntax.IMPLICIT_VR_LE);
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(rest + "/instances"))
                .header("Authorization", good.basicHeader())
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("CHECK upload " + posted.statusCode());

        DicomWebClient client = new DicomWebClient(dw, good);
        List<StudyRef> since = client.findStudies(LocalDate.of(2026, 2, 1));
        List<StudyRef> later = client.findStudies(LocalDate.of(2026, 4, 1));
        System.out.println("CHECK studiesSince " + since.size() + " " + since.get(0).studyUid().equals(studyUid)
                + " " + since.get(0).patientId());
        System.out.println("CHECK studiesLater " + later.size());
        List<InstanceRef> refs = client.instances(studyUid);
        System.out.println("CHECK instances " + refs.size());
        byte[] part10 = client.fetchInstance(refs.get(0));
        DicomObject back = new DicomReader(ReadLimits.DEFAULT).read(part10);
        System.out.println("CHECK syntax " + back.transferSyntax());
        System.out.println("CHECK pixel " + Integer.toHexString(
                new org.stylexaudit.dicom.ImageDecoder().rawFrame(back, 0).sample(3, 2, 0)));

        byte[] pdf = "%PDF-1.4\n%stylex audit test\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        client.store(PdfReportObject.encode(pdf, since.get(0), "StylEx audit"));
        long pdfs = client.instances(studyUid).stream()
                .filter(r -> Uids.EncapsulatedPDFStorage.equals(r.sopClassUid())).count();
        System.out.println("CHECK stored " + client.instances(studyUid).size() + " " + pdfs);

        try {
            new DicomWebClient(dw, new Credentials("audit", "wrong-pw")).findStudies(null);
            System.out.println("CHECK badauth none");
        } catch (DicomWebException e) {
            System.out.println("CHECK badauth " + e.getMessage());
        }
    }

    static void waitUntilUp(HttpClient http, String rest, Credentials c) throws Exception {
        // 2 minutes: on a fresh CI clone Orthanc once logged "has started" only after the earlier 30 s had passed.
        for (int i = 0; i < 480; i++) {
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(rest + "/system"))
                        .header("Authorization", c.basicHeader()).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Orthanc did not come up within 2 minutes");
    }
}
