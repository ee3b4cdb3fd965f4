package org.stylexaudit.ingest;

/** Leading words of catalog reasons that the ingest logic itself relies on. */
final class Reasons {

    /**
     * Prefix of rejections caused by file-system access; such files are retried on every run because fixing
     * permissions changes neither size nor modification time.
     */
    static final String UNREADABLE = "unreadable: ";

    /** Prefix of skips of a second file holding an image already in the catalog. */
    static final String DUPLICATE = "duplicate image: ";

    private Reasons() {
    }
}
