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

    /** Encodes the PDF as Part 10 bytes linked to the study; patient id repeats the study's own. */
    public static byte[] encode(byte[] pdf, StudyRef study, String title) throws DicomException {
        DicomObject ds = new DicomObject();
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        ds.put(Tag.SOPClassUID, VR.UI, Uids.EncapsulatedPDFStorage);
        ds.put(Tag.SOPInstanceUID, VR.UI, Uids.newUid());
        ds.put(Tag.StudyInstanceUID, VR.UI, study.studyUid());
        ds.put(Tag.SeriesInstanceUID, VR.UI, Uids.newUid());
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
