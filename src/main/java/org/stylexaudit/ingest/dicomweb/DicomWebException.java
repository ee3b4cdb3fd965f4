package org.stylexaudit.ingest.dicomweb;

/** Signals a failed DICOMweb exchange; messages name the URL path and HTTP status, never credentials. */
public final class DicomWebException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public DicomWebException(String message) {
        super(message);
    }

    /** Creates the exception with a message and cause. */
    public DicomWebException(String message, Throwable cause) {
        super(message, cause);
    }
}
