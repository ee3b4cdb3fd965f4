package org.stylexaudit.dicom;

import java.math.BigInteger;
import java.util.Map;
import java.util.UUID;

/** Holds SOP class and transfer syntax UID constants, their names, and makes new UIDs. */
public final class Uids {

    public static final String ImplicitVRLittleEndian = "1.2.840.10008.1.2";
    public static final String ExplicitVRLittleEndian = "1.2.840.10008.1.2.1";
    public static final String DeflatedExplicitVRLittleEndian = "1.2.840.10008.1.2.1.99";
    public static final String ExplicitVRBigEndian = "1.2.840.10008.1.2.2";
    public static final String JPEGBaseline8Bit = "1.2.840.10008.1.2.4.50";
    public static final String JPEGExtended12Bit = "1.2.840.10008.1.2.4.51";
    public static final String JPEGLossless = "1.2.840.10008.1.2.4.57";
    public static final String JPEGLosslessSV1 = "1.2.840.10008.1.2.4.70";
    public static final String JPEGLSLossless = "1.2.840.10008.1.2.4.80";
    public static final String JPEGLSNearLossless = "1.2.840.10008.1.2.4.81";
    public static final String JPEG2000Lossless = "1.2.840.10008.1.2.4.90";
    public static final String JPEG2000 = "1.2.840.10008.1.2.4.91";
    public static final String RLELossless = "1.2.840.10008.1.2.5";

    public static final String SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";
    public static final String VLPhotographicImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.4";
    public static final String OphthalmicPhotography8BitImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.1";
    public static final String OphthalmicPhotography16BitImageStorage = "1.2.840.10008.5.1.4.1.1.77.1.5.2";
    public static final String EncapsulatedPDFStorage = "1.2.840.10008.5.1.4.1.1.104.1";
    public static final String CTImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    public static final String MRImageStorage = "1.2.840.10008.5.1.4.1.1.4";
    public static final String MediaStorageDirectoryStorage = "1.2.840.10008.1.3.10";

    /** Root for UIDs this tool makes: the UUID-derived arc of PS3.5 B.2. */
    private static final String UUID_ROOT = "2.25.";

    private static final Map<String, String> NAMES = Map.of(
            SecondaryCaptureImageStorage, "Secondary Capture Image Storage",
            VLPhotographicImageStorage, "VL Photographic Image Storage",
            OphthalmicPhotography8BitImageStorage, "Ophthalmic Photography 8 Bit Image Storage",
            OphthalmicPhotography16BitImageStorage, "Ophthalmic Photography 16 Bit Image Storage",
            EncapsulatedPDFStorage, "Encapsulated PDF Storage",
            CTImageStorage, "CT Image Storage",
            MRImageStorage, "MR Image Storage",
            MediaStorageDirectoryStorage, "Media Storage Directory Storage");

    private Uids() {
    }

    /** Returns the name of a SOP class or transfer syntax UID, or the UID itself when unknown. */
    public static String name(String uid) {
        if (uid == null) {
            return "";
        }
        TransferSyntax ts = TransferSyntax.of(uid);
        if (ts != null) {
            return ts.displayName();
        }
        return NAMES.getOrDefault(uid.trim(), uid.trim());
    }

    /** Makes a new random UID under 2.25 (PS3.5 B.2: the decimal value of a random UUID). */
    public static String newUid() {
        UUID u = UUID.randomUUID();
        BigInteger hi = new BigInteger(Long.toUnsignedString(u.getMostSignificantBits()));
        BigInteger lo = new BigInteger(Long.toUnsignedString(u.getLeastSignificantBits()));
        return UUID_ROOT + hi.shiftLeft(64).or(lo);
    }
}
