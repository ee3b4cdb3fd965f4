package org.stylexaudit.study;

/**
 * Bounds what one filled packet may make the importer read, so a hostile or broken file is refused with a reason
 * instead of exhausting memory. Exported packets are far below every default.
 *
 * @param maxFileBytes      largest packet file read; default 64 MiB
 * @param maxPdfPages       most pages in a PDF packet; default 1,000
 * @param pdfMemoryBytes    most main memory PDFBox may use for its stream cache; default 256 MiB
 * @param maxCsvRows        most records in a CSV packet, header included; default 100,000
 * @param maxCsvFieldChars  longest CSV field in characters (a reviewer's description included); default 65,536
 */
public record ImportLimits(long maxFileBytes, int maxPdfPages, long pdfMemoryBytes, int maxCsvRows,
        int maxCsvFieldChars) {

    /** The documented defaults. */
    public static final ImportLimits DEFAULT = new ImportLimits(64L << 20, 1_000, 256L << 20, 100_000, 65_536);

    /** Checks that every limit is positive. */
    public ImportLimits {
        if (maxFileBytes <= 0 || maxPdfPages <= 0 || pdfMemoryBytes <= 0 || maxCsvRows <= 0 || maxCsvFieldChars <= 0) {
            throw new IllegalArgumentException("every import limit must be positive, got " + maxFileBytes + " bytes, "
                    + maxPdfPages + " pages, " + pdfMemoryBytes + " PDF memory bytes, " + maxCsvRows + " rows, "
                    + maxCsvFieldChars + " field characters");
        }
    }

    /** Returns a copy with another file size bound. */
    public ImportLimits withMaxFileBytes(long bytes) {
        return new ImportLimits(bytes, maxPdfPages, pdfMemoryBytes, maxCsvRows, maxCsvFieldChars);
    }

    /** Returns a copy with another page bound. */
    public ImportLimits withMaxPdfPages(int pages) {
        return new ImportLimits(maxFileBytes, pages, pdfMemoryBytes, maxCsvRows, maxCsvFieldChars);
    }

    /** Returns a copy with other CSV bounds. */
    public ImportLimits withCsv(int rows, int fieldChars) {
        return new ImportLimits(maxFileBytes, maxPdfPages, pdfMemoryBytes, rows, fieldChars);
    }
}
