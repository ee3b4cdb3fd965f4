package org.stylexaudit.dicom;

/**
 * Lists the transfer syntaxes the codec knows, with how each is encoded and whether its pixel data can be decoded.
 * Unknown UIDs are still read when they are explicit VR little endian (as PS3.5 requires of every encapsulated
 * syntax), but their pixel data is refused.
 */
public enum TransferSyntax {
    IMPLICIT_VR_LE("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false, true),
    EXPLICIT_VR_LE("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false, true),
    DEFLATED_EXPLICIT_VR_LE("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true,
            false, true),
    EXPLICIT_VR_BE("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, false, true),
    JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, true, true),
    JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, true, true),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false,
            true, true),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction "
            + "(Process 14 [Selection Value 1])", true, false, false, true, true),
    JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, true, false),
    JPEG_LS_NEAR_LOSSLESS("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", true, false, false, true,
            false),
    JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", true, false, false,
            true, false),
    JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true, false, false, true, false),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, true, true);

    private final String uid;
    private final String displayName;
    private final boolean explicitVr;
    private final boolean bigEndian;
    private final boolean deflated;
    private final boolean encapsulated;
    private final boolean pixelsSupported;

    TransferSyntax(String uid, String displayName, boolean explicitVr, boolean bigEndian, boolean deflated,
            boolean encapsulated, boolean pixelsSupported) {
        this.uid = uid;
        this.displayName = displayName;
        this.explicitVr = explicitVr;
        this.bigEndian = bigEndian;
        this.deflated = deflated;
        this.encapsulated = encapsulated;
        this.pixelsSupported = pixelsSupported;
    }

    /** Returns the UID. */
    public String uid() {
        return uid;
    }

    /** Returns the name PS3.6 gives the syntax. */
    public String displayName() {
        return displayName;
    }

    /** Tells whether the data set uses explicit VR. */
    public boolean explicitVr() {
        return explicitVr;
    }

    /** Tells whether the data set is big endian. */
    public boolean bigEndian() {
        return bigEndian;
    }

    /** Tells whether the data set after the file meta is a raw deflate stream. */
    public boolean deflated() {
        return deflated;
    }

    /** Tells whether pixel data is encapsulated in fragments. */
    public boolean encapsulated() {
        return encapsulated;
    }

    /** Tells whether the decoder handles this syntax's pixel data. */
    public boolean pixelsSupported() {
        return pixelsSupported;
    }

    /** Returns the one-line refusal for syntaxes whose pixel data is not decoded. */
    public String refusal() {
        return displayName + " (" + uid + ") is not supported; ask the archive to transcode to Explicit VR Little"
                + " Endian";
    }

    /** Returns the syntax with this UID, or null when unknown. */
    public static TransferSyntax of(String uid) {
        if (uid == null) {
            return null;
        }
        String u = uid.trim();
        for (TransferSyntax ts : values()) {
            if (ts.uid.equals(u)) {
                return ts;
            }
        }
        return null;
    }

    /** Returns "name (uid)" for a known UID, or the UID itself. */
    public static String describe(String uid) {
        TransferSyntax ts = of(uid);
        return ts == null ? "unknown transfer syntax " + uid : ts.displayName + " (" + ts.uid + ")";
    }
}
