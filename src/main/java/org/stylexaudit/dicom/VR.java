package org.stylexaudit.dicom;

/**
 * Lists the DICOM value representations (PS3.5 section 6.2) with what the codec needs to know about each: whether
 * the explicit VR header uses the 4-byte length form, the size of one binary value (for byte swapping), and whether
 * the value is text that follows the Specific Character Set.
 */
public enum VR {
    AE(false, 0, false), AS(false, 0, false), AT(false, 2, false), CS(false, 0, false), DA(false, 0, false),
    DS(false, 0, false), DT(false, 0, false), FL(false, 4, false), FD(false, 8, false), IS(false, 0, false),
    LO(false, 0, true), LT(false, 0, true), OB(true, 1, false), OD(true, 8, false), OF(true, 4, false),
    OL(true, 4, false), OV(true, 8, false), OW(true, 2, false), PN(false, 0, true), SH(false, 0, true),
    SL(false, 4, false), SQ(true, 0, false), SS(false, 2, false), ST(false, 0, true), SV(true, 8, false),
    TM(false, 0, false), UC(true, 0, true), UI(false, 0, false), UL(false, 4, false), UN(true, 1, false),
    UR(true, 0, false), US(false, 2, false), UT(true, 0, true), UV(true, 8, false);

    private final boolean longLength;
    private final int binarySize;
    private final boolean charsetText;

    VR(boolean longLength, int binarySize, boolean charsetText) {
        this.longLength = longLength;
        this.binarySize = binarySize;
        this.charsetText = charsetText;
    }

    /** Tells whether explicit VR encoding uses 2 reserved bytes and a 4-byte length for this VR (PS3.5 7.1.2). */
    public boolean longLength() {
        return longLength;
    }

    /** Returns the byte size of one binary value (the unit swapped in big endian), 0 for text and SQ. */
    public int binarySize() {
        return binarySize;
    }

    /** Tells whether the value is text whose encoding follows Specific Character Set (0008,0005). */
    public boolean charsetText() {
        return charsetText;
    }

    /** Tells whether the value is a character string (padded with spaces, or NUL for UI). */
    public boolean isText() {
        return binarySize == 0 && this != SQ;
    }

    /** Returns the byte used to pad a value to even length: NUL for UI and binary VRs, space for text. */
    public byte padding() {
        return isText() && this != UI ? (byte) ' ' : 0;
    }

    /** Returns the VR for two ASCII bytes, or null when they name no VR. */
    public static VR of(int b0, int b1) {
        if (b0 < 'A' || b0 > 'Z' || b1 < 'A' || b1 > 'Z') {
            return null;
        }
        try {
            return valueOf(new String(new char[] {(char) b0, (char) b1}));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
