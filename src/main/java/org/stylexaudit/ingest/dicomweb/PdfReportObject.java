package org.stylexaudit.ingest.dicomweb;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.stylexaudit.dicom.DicomException;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomWriter;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.TransferSyntax;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.dicom.VR;

/** Wraps a PDF audit report as an Encapsulated PDF object in an audited study (new series) for STOW-RS. */
public final class PdfReportObject {

    private PdfReportObject() {
    }

    /** Returns a UID under the 2.25 root (ISO/IEC 9834-8) made from the first 128 bits of SHA-256 of the text. */
    public static String derivedUid(String text) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "2.25." + new java.math.BigInteger(1, java.util.Arrays.copyOf(h, 16));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }

    /** Encodes the PDF as Part 10 bytes linked to the study; patient id repeats the study's own. */
    public static byte[] encode(byte[] pdf, StudyRef study, String title) throws DicomException {
        return encode(pdf, study, title, Uids.newUid(), Uids.newUid());
    }

    /**
     * Encodes the PDF with given SOP Instance and Series UIDs. Callers that may repeat a store after a crash pass
     * UIDs derived from the report and study, so the archive receives the same instance again, not a second one.
     */
    public static byte[] encode(byte[] pdf, StudyRef study, String title, String sopUid, String seriesUid)
            throws DicomException {
        DicomObject ds = new DicomObject();
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        ds.put(Tag.SOPClassUID, VR.UI, Uids.EncapsulatedPDFStorage);
        ds.put(Tag.SOPInstanceUID, VR.UI, sopUid);
        ds.put(Tag.StudyInstanceUID, VR.UI, study.studyUid());
        ds.put(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        ds.put(Tag.PatientID, VR.LO, study.patientId());
        ds.put(Tag.StudyDate, VR.DA, study.studyDate());
        ds.put(Tag.Modality, VR.CS, "DOC");
        ds.put(Tag.SeriesNumber, VR.IS, "9901");
        ds.put(Tag.InstanceNumber, VR.IS, "1");
        ds.put(Tag.ContentDate, VR.DA, now);
        ds.put(Tag.DocumentTitle, VR.ST, title);
        ds.put(Tag.MIMETypeOfEncapsulatedDocument, VR.LO, "application/pdf");
        ds.putBytes(Tag.EncapsulatedDocument, VR.OB, pdf);
        return DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LE);
    }
}
