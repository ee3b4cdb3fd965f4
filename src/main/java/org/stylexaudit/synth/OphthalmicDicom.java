package org.stylexaudit.synth;

import java.awt.image.BufferedImage;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomWriter;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.dicom.VR;

/**
 * Builds the data set of an Ophthalmic Photography 8 Bit Image (PS3.3 A.39.1) for one synthetic image, with every
 * type 1 and type 2 attribute of its mandatory modules, so that dciodvfy reports no errors.
 */
final class OphthalmicDicom {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String INSTITUTION = "Synthetic Eye Clinic";

    private OphthalmicDicom() {
    }

    static DicomObject dataset(GroundTruthRow row, BufferedImage img) {
        FundusFactors f = row.factors();
        String date = row.studyDate().format(DA);
        String time = String.format("%02d%02d00", 8 + Math.floorMod(row.accessionNumber().hashCode(), 9),
                Math.floorMod(row.accessionNumber().hashCode() >> 8, 60));
        DicomObject ds = new DicomObject();
        // SOP Common (C.12.1)
        ds.put(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.put(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY");
        ds.put(Tag.InstanceCreationDate, VR.DA, date);
        ds.put(Tag.InstanceCreationTime, VR.TM, time);
        ds.put(Tag.SOPClassUID, VR.UI, Uids.OphthalmicPhotography8BitImageStorage);
        ds.put(Tag.SOPInstanceUID, VR.UI, row.sopInstanceUid());
        // General Study (C.7.2.1)
        ds.put(Tag.StudyDate, VR.DA, date);
        ds.put(Tag.SeriesDate, VR.DA, date);
        ds.put(Tag.AcquisitionDate, VR.DA, date);
        ds.put(Tag.ContentDate, VR.DA, date);
        // C.8.17.2: Acquisition DateTime is type 1C, required when Image Type value 1 is ORIGINAL.
        ds.put(Tag.AcquisitionDateTime, VR.DT, date + time);
        ds.put(Tag.StudyTime, VR.TM, time);
        ds.put(Tag.SeriesTime, VR.TM, time);
        ds.put(Tag.AcquisitionTime, VR.TM, time);
        ds.put(Tag.ContentTime, VR.TM, time);
        ds.put(Tag.AccessionNumber, VR.SH, row.accessionNumber());
        ds.put(Tag.Modality, VR.CS, "OP");
        ds.put(Tag.Manufacturer, VR.LO, f.camera().manufacturer());
        ds.put(Tag.InstitutionName, VR.LO, INSTITUTION);
        ds.put(Tag.ReferringPhysicianName, VR.PN, "");
        ds.put(Tag.StudyDescription, VR.LO, "Diabetic retinopathy screening");
        ds.put(Tag.SeriesDescription, VR.LO, "Colour fundus " + f.laterality().clinicalCode());
        ds.put(Tag.ManufacturerModelName, VR.LO, f.camera().modelName());
        ds.putSequence(Tag.AnatomicRegionSequence, List.of(code("5665001", "SCT", "Retina")));
        // Patient (C.7.1.1)
        ds.put(Tag.PatientName, VR.PN, row.patient().dicomName());
        ds.put(Tag.PatientID, VR.LO, row.patient().id());
        ds.put(Tag.PatientBirthDate, VR.DA, row.patient().birthDate().format(DA));
        ds.put(Tag.PatientSex, VR.CS, row.patient().sex());
        ds.put(Tag.StudyInstanceUID, VR.UI, row.studyInstanceUid());
        ds.put(Tag.SeriesInstanceUID, VR.UI, row.seriesInstanceUid());
        ds.put(Tag.StudyID, VR.SH, row.accessionNumber().substring(1));
        ds.put(Tag.SeriesNumber, VR.IS, Integer.toString(SynthGenerator.seriesNumber(f.laterality())));
        ds.put(Tag.InstanceNumber, VR.IS, "1");
        ds.put(Tag.PatientOrientation, VR.CS, "");
        // General Series Laterality is 2C: it must be absent when Image Laterality is present (C.7.3.1).
        // Ocular Region Imaged (C.8.17.5)
        ds.put(Tag.ImageLaterality, VR.CS, f.laterality().dicomCode());
        ds.putSequence(0x00400555, List.of()); // Acquisition Context Sequence (C.7.6.14), type 2: empty
        // Image Pixel (C.7.6.3) and Multi-frame (C.7.6.6): one frame
        DicomWriter.putImage(ds, img, true);
        ds.put(Tag.NumberOfFrames, VR.IS, "1");
        ds.putInts(Tag.FrameIncrementPointer, VR.AT, 0x00181063); // Frame Time
        ds.put(0x00181063, VR.DS, "0");
        ds.put(Tag.LossyImageCompression, VR.CS, "00");
        ds.put(0x00280301, VR.CS, "NO"); // Burned In Annotation, type 1 in C.8.17.2
        // Synchronization (C.7.4.2): dciodvfy requires it for OP images; the well-known UTC frame is the
        // honest choice for a clock that is not synchronised to anything.
        ds.put(0x00200200, VR.UI, "1.2.840.10008.15.1.1");
        ds.put(0x0018106A, VR.CS, "NO TRIGGER");
        ds.put(0x00181800, VR.CS, "N");
        putAcquisitionParameters(ds);
        putPhotographicParameters(ds);
        return ds;
    }

    /** C.8.17.4 Ophthalmic Photography Acquisition Parameters: all type 2, left empty where unknown. */
    private static void putAcquisitionParameters(DicomObject ds) {
        ds.put(0x00220005, VR.CS, "NO"); // Patient Eye Movement Commanded
        ds.putSequence(0x0022001B, List.of()); // Refractive State Sequence
        ds.putDoubles(0x0022000A, VR.FL); // Emmetropic Magnification
        ds.putDoubles(0x0022000B, VR.FL); // Intra Ocular Pressure
        ds.putDoubles(0x0022000C, VR.FL); // Horizontal Field of View
        ds.put(0x0022000D, VR.CS, "NO"); // Pupil Dilated
    }

    /** C.8.17.5 Ophthalmic Photographic Parameters: the device is a fundus camera with a CCD detector. */
    private static void putPhotographicParameters(DicomObject ds) {
        ds.putSequence(0x00220015, List.of(code("409898007", "SCT", "Fundus Camera")));
        ds.putSequence(0x00220016, List.of()); // Illumination Type Code Sequence
        ds.putSequence(0x00220017, List.of()); // Light Path Filter Type Stack Code Sequence
        ds.putSequence(0x00220018, List.of()); // Image Path Filter Type Stack Code Sequence
        ds.putSequence(0x00220019, List.of()); // Lenses Code Sequence
        ds.put(0x00187004, VR.CS, "CCD"); // Detector Type
    }

    private static DicomObject code(String value, String scheme, String meaning) {
        DicomObject item = new DicomObject();
        item.put(Tag.CodeValue, VR.SH, value);
        item.put(Tag.CodingSchemeDesignator, VR.SH, scheme);
        item.put(Tag.CodeMeaning, VR.LO, meaning);
        return item;
    }
}
