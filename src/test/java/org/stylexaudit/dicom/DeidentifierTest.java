package org.stylexaudit.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeidentifierTest {

    @Test
    void strip_removesPatientAttributesAtEveryLevelAndKeepsTheRest() {
        DicomObject ds = Fixtures.baseDataset();
        ds.put(Tag.PatientBirthDate, VR.DA, "19700101");
        ds.put(Tag.InstitutionName, VR.LO, "Eye Clinic");
        ds.put(0x00091010, VR.LO, "private note");
        DicomObject item = new DicomObject().put(Tag.PatientName, VR.PN, "Nested^Name").put(Tag.CodeValue, VR.SH, "X");
        ds.putSequence(Tag.ReferencedImageSequence, List.of(item));

        List<String> phi = Deidentifier.phiValues(ds);
        assertTrue(phi.containsAll(List.of("Doe^Jane", "P-0001", "19700101", "Eye Clinic", "Nested^Name")), phi.toString());

        Deidentifier.strip(ds);
        assertNull(ds.string(Tag.PatientName));
        assertNull(ds.string(Tag.PatientBirthDate));
        assertFalse(ds.contains(0x00091010));
        assertEquals("OP", ds.string(Tag.Modality));
        assertNull(ds.sequence(Tag.ReferencedImageSequence).get(0).string(Tag.PatientName));
        assertEquals("X", ds.sequence(Tag.ReferencedImageSequence).get(0).string(Tag.CodeValue));
        assertEquals(List.of(), Deidentifier.phiValues(ds));
    }
}
