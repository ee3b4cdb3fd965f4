package org.stylexaudit.engine;

/** Signals that a model bundle cannot be read or written: missing, malformed, or failing its integrity check. */
public class BundleException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the bundle and the file concerned. */
    public BundleException(String message) {
        super(message);
    }

    /** Creates the exception wrapping a lower-layer cause. */
    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
