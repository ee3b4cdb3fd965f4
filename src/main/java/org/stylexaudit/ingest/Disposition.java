package org.stylexaudit.ingest;

/** What ingest decided about one file. */
enum Disposition {
    /** Decoded and normalised into the cache. */
    ACCEPTED("accepted"),
    /** Could not be used; the reason says why. Counts towards exit code 3. */
    REJECTED("rejected"),
    /** Catalogued but not used by design (SOP class not of interest, duplicate image, link inside the source). */
    SKIPPED("skipped"),
    /** Already catalogued and unchanged; the catalog row stays as it is. */
    UNCHANGED(null);

    private final String status;

    Disposition(String status) {
        this.status = status;
    }

    /** Returns the value of the catalog's {@code status} column. */
    String status() {
        return status;
    }
}
