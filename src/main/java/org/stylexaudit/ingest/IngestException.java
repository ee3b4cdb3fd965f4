package org.stylexaudit.ingest;

/**
 * Signals that an ingest run could not go on (the catalog could not be written, the cache is not writable).
 *
 * <p>A single bad file is never an {@code IngestException}: it is rejected with its reason and the run goes on.
 */
public class IngestException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message naming what failed and why. */
    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception with a message. */
    public IngestException(String message) {
        super(message);
    }
}
