package org.stylexaudit.ingest.dicomweb;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stylexaudit.audit.AuditFixtures;
import org.stylexaudit.audit.AuditRun;
import org.stylexaudit.audit.RunSummary;
import org.stylexaudit.audit.RunSummaryJson;
import org.stylexaudit.cli.Main;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomWriter;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.TransferSyntax;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.dicom.VR;

/**
 * Client side of the Orthanc audit test, run inside Orthanc's network namespace: stores fundus-like images in two
 * studies, audits the archive through DICOMweb with the report stored back, audits again, and audits with a wrong
 * password. Prints "CHECK name value" lines.
 */
public final class OrthancAuditChecks {

    private OrthancAuditChecks() {
    }

    /** Runs the checks against args[0] (DICOMweb base URL) in the folder args[1]. */
    public static void main(String[] args) throws Exception {
        String dw = args[0];
        Path dir = Path.of(args[1]);
        String rest = dw.substring(0, dw.lastIndexOf("/dicom-web"));
        Credentials good = new Credentials(OrthancHarness.USER, OrthancHarness.PASSWORD);
        HttpClient http = HttpClient.newHttpClient();
        OrthancClientChecks.waitUntilUp(http, rest, good);
        String[] studies = {Uids.newUid(), Uids.newUid()};
        for (int i = 0; i < 6; i++) {
            int code = upload(http, rest, good, studies[i % 2], "P-00" + (i % 2), i);
            if (code != 200) {
                System.out.println("CHECK upload failed " + code);
            }
        }
        AuditFixtures.bundle(dir.resolve("bundle"));
        Files.writeString(dir.resolve("cred.properties"), "user=" + OrthancHarness.USER + "\npassword="
                + OrthancHarness.PASSWORD + "\n");
        Files.writeString(dir.resolve("bad.properties"), "user=" + OrthancHarness.USER + "\npassword=wrong-pw\n");
        Path p = protocol(dir, "p.yaml", dw, "cred.properties");
        System.out.println("CHECK first " + audit(p));
        RunSummary s = new RunSummaryJson().read(dir.resolve("out").resolve(AuditRun.SUMMARY_FILE));
        System.out.println("CHECK summary " + s.newImages() + " " + s.classified() + " " + s.modelWork() + " "
                + (s.report() != null && Files.size(Path.of(s.report())) > 1000));
        DicomWebClient client = new DicomWebClient(dw, good);
        for (int i = 0; i < 2; i++) {
            List<InstanceRef> refs = client.instances(studies[i]);
            long pdfs = refs.stream().filter(r -> Uids.EncapsulatedPDFStorage.equals(r.sopClassUid())).count();
            System.out.println("CHECK study" + i + " " + refs.size() + " " + pdfs);
        }
        System.out.println("CHECK second " + audit(p));
        RunSummary again = new RunSummaryJson().read(dir.resolve("out").resolve(AuditRun.SUMMARY_FILE));
        System.out.println("CHECK again " + again.newImages() + " " + again.modelWork() + " " + again.outcome());
        System.out.println("CHECK pdfsAfterSecond " + client.instances(studies[0]).stream()
                .filter(r -> Uids.EncapsulatedPDFStorage.equals(r.sopClassUid())).count());
        System.out.println("CHECK badauth " + audit(protocol(dir, "bad.yaml", dw, "bad.properties")));
    }

    private static Path protocol(Path dir, String name, String url, String cred) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "archive:\n  dicomweb: " + url + "\n  credentials_file: " + cred + "\n"
                + "workspace: ws-" + name + "\nbundle: bundle\nclasses: [other, red]\noutput: out\n"
                + "attfind:\n  k: 1\nreport:\n  title: StylEx audit\n  store_to_archive: true\n");
        return f;
    }

    /** Runs the audit command in this JVM; returns "exit N" and the error lines. */
    private static String audit(Path protocol) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"audit", "-q", "--threads", "1", "--protocol", protocol.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        return "exit " + code + " lines " + err.toString().strip().lines().count() + " " + err.toString().strip();
    }

    private static int upload(HttpClient http, String rest, Credentials c, String study, String patient, int i)
            throws Exception {
        DicomObject ds = new DicomObject();
        ds.put(Tag.SOPClassUID, VR.UI, Uids.OphthalmicPhotography8BitImageStorage);
        ds.put(Tag.SOPInstanceUID, VR.UI, Uids.newUid());
        ds.put(Tag.StudyInstanceUID, VR.UI, study);
        ds.put(Tag.SeriesInstanceUID, VR.UI, study + ".1");
        ds.put(Tag.PatientID, VR.LO, patient);
        ds.put(Tag.StudyDate, VR.DA, "20260301");
        ds.put(Tag.Modality, VR.CS, "OP");
        int size = 96;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int red = 60 + 30 * i;
        int blue = 200 - 30 * i;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (Math.hypot(x + 0.5 - size / 2.0, y + 0.5 - size / 2.0) < size * 0.45) {
                    img.setRGB(x, y, (red << 16) | (80 << 8) | (blue + (x * 7 + y * 3) % 9));
                }
            }
        }
        DicomWriter.putImage(ds, img, true);
        byte[] upload = DicomWriter.encode(ds, TransferSyntax.IMPLICIT_VR_LE);
        return http.send(HttpRequest.newBuilder(URI.create(rest + "/instances"))
                .header("Authorization", c.basicHeader())
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
