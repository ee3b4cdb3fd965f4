package org.stylexaudit.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The formats ingest recognises, told apart by content (magic bytes), never by file name. */
enum FileFormat {
    DICOM, PNG, JPEG, TIFF, UNKNOWN;

    private static final int DICOM_MAGIC_OFFSET = 128;

    /** Returns the catalog's name for the format. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Recognises the format from the first bytes of a file.
     *
     * <p>DICOM is tested first because a Part 10 preamble may itself hold a TIFF header (PS3.10 7.1 allows
     * "dual-personality" files); the 128-byte preamble plus {@code DICM} decides.
     */
    static FileFormat sniff(byte[] head, int n) {
        if (n >= DICOM_MAGIC_OFFSET + 4 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C'
                && head[131] == 'M') {
            return DICOM;
        }
        if (n >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return PNG;
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        // Classic TIFF (42) and BigTIFF (43), either byte order.
        if (n >= 4 && ((head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43) && head[3] == 0)
                || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43)))) {
            return TIFF;
        }
        return UNKNOWN;
    }

    /**
     * Reads the head of a file and recognises its format; a file without any known signature is DICOM when the
     * DICOM reader finds a plausible bare data set (older archives store data sets without the Part 10 header).
     */
    static FileFormat sniff(Path file) throws IOException {
        byte[] head = new byte[DICOM_MAGIC_OFFSET + 4];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        }
        FileFormat f = sniff(head, n);
        if (f == UNKNOWN && org.stylexaudit.dicom.DicomReader.looksLikeDicom(file)) {
            return DICOM;
        }
        return f;
    }
}
