package org.stylexaudit.synth;

/** How the generator lays out what it draws. */
public enum OutputFormat {
    /** Patients / studies / series of DICOM Ophthalmic Photography files, plus some PNG and JPEG exports. */
    ARCHIVE,
    /** One flat folder of PNG files: the fast layout for large training sets. */
    PNG;

    /** Parses "archive"/"dicom" or "png" (any case). */
    public static OutputFormat parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "archive", "dicom" -> ARCHIVE;
            case "png" -> PNG;
            default -> throw new IllegalArgumentException("expected format 'archive' or 'png', got '" + s + "'");
        };
    }
}
