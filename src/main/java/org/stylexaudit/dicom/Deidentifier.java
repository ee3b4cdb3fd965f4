package org.stylexaudit.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Names the attributes that identify a patient (patient module, accession, institution, physicians, ...), so later
 * stages can strip them or scan text for them before anything reaches a report, a study packet or a log.
 *
 * <pre>{@code
 * DicomObject clean = Deidentifier.strip(ds);
 * }</pre>
 */
public final class Deidentifier {

    /** The identifying tags, in tag order: a subset of the PS3.15 E.1-1 basic profile that this tool reads. */
    public static final List<Integer> PHI_TAGS = List.of(
            Tag.InstitutionName, Tag.InstitutionAddress, Tag.ReferringPhysicianName, Tag.AccessionNumber,
            Tag.StationName, Tag.InstitutionalDepartmentName, Tag.PhysiciansOfRecord, Tag.PerformingPhysicianName,
            Tag.NameOfPhysiciansReadingStudy, Tag.OperatorsName, Tag.PatientName, Tag.PatientID,
            Tag.IssuerOfPatientID, Tag.PatientBirthDate, Tag.PatientBirthTime, Tag.PatientSex, Tag.OtherPatientIDs,
            Tag.OtherPatientNames, Tag.PatientAge, Tag.PatientSize, Tag.PatientWeight, Tag.PatientAddress,
            Tag.PatientTelephoneNumbers, Tag.PatientComments, Tag.DeviceSerialNumber, Tag.StudyID,
            Tag.ImageComments);

    private Deidentifier() {
    }

    /** Tells whether a tag identifies the patient (listed above, or any private tag, whose meaning is unknown). */
    public static boolean isPhi(int tag) {
        return PHI_TAGS.contains(tag) || Tag.isPrivate(tag);
    }

    /** Returns the non-empty PHI values of a data set (top level and nested items), e.g. to scan output for. */
    public static List<String> phiValues(DicomObject ds) {
        List<String> values = new ArrayList<>();
        collect(ds, values);
        return values;
    }

    /** Removes every PHI attribute (including private ones) from the data set and its items, in place. */
    public static DicomObject strip(DicomObject ds) {
        List<Integer> tags = new ArrayList<>();
        for (DicomElement e : ds.elements()) {
            if (isPhi(e.tag())) {
                tags.add(e.tag());
            } else if (e.isSequence()) {
                e.items().forEach(Deidentifier::strip);
            }
        }
        tags.forEach(ds::remove);
        return ds;
    }

    private static void collect(DicomObject ds, List<String> values) {
        for (DicomElement e : ds.elements()) {
            if (e.isSequence()) {
                e.items().forEach(item -> collect(item, values));
            } else if (PHI_TAGS.contains(e.tag()) && e.vr().isText()) {
                String v = ds.string(e.tag());
                if (v != null && !v.isBlank()) {
                    values.add(v);
                }
            }
        }
    }
}
