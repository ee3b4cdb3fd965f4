package org.stylexaudit.synth;

/** Which eye an image shows; DICOM Image Laterality uses the one-letter code. */
public enum Laterality {
    /** Right eye (oculus dexter): the optic disc sits right of the macula in the image. */
    RIGHT("R", "OD"),
    /** Left eye (oculus sinister): the optic disc sits left of the macula in the image. */
    LEFT("L", "OS");

    private final String dicomCode;
    private final String clinicalCode;

    Laterality(String dicomCode, String clinicalCode) {
        this.dicomCode = dicomCode;
        this.clinicalCode = clinicalCode;
    }

    /** Returns the DICOM code (R or L) used in (0020,0060) and (0020,0062). */
    public String dicomCode() {
        return dicomCode;
    }

    /** Returns the clinical abbreviation (OD or OS). */
    public String clinicalCode() {
        return clinicalCode;
    }

    /** Returns +1 for the right eye and -1 for the left: the image-x side of the optic disc. */
    public int discSide() {
        return this == RIGHT ? 1 : -1;
    }

    /** Parses R/L or OD/OS. */
    public static Laterality parse(String code) {
        for (Laterality l : values()) {
            if (l.dicomCode.equalsIgnoreCase(code) || l.clinicalCode.equalsIgnoreCase(code)
                    || l.name().equalsIgnoreCase(code)) {
                return l;
            }
        }
        throw new IllegalArgumentException("expected laterality R, L, OD or OS, got '" + code + "'");
    }
}
