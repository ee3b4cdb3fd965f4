package org.stylexaudit.synth;

import java.time.LocalDate;

/**
 * A fake patient: made-up but realistic-looking identifying data, so that PHI handling downstream can be tested.
 *
 * @param id patient ID (SYN followed by seven digits)
 * @param familyName family name
 * @param givenName given name
 * @param birthDate birth date
 * @param sex M or F
 */
public record Patient(String id, String familyName, String givenName, LocalDate birthDate, String sex) {

    /** Returns the name in DICOM person-name form, FAMILY^GIVEN. */
    public String dicomName() {
        return familyName + "^" + givenName;
    }
}
