package org.stylexaudit.ingest;

/**
 * Signals that one image cannot be used (blank, too large, undecodable); unlike its base class it concerns a
 * single file, and ingest rejects that file with this message as its reason and goes on.
 */
public class UnusableImageException extends IngestException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a reason that starts with a short category, e.g. {@code "blank image: ..."}. */
    public UnusableImageException(String reason) {
        super(reason);
    }

    /** Creates the exception with a reason and the lower-level cause. */
    public UnusableImageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
