package org.stylexaudit.dicom;

/** Signals a DICOM file that cannot be read, decoded or written; the message is one line saying why. */
public class DicomException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line reason. */
    public DicomException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line reason and the lower-layer cause. */
    public DicomException(String message, Throwable cause) {
        super(message, cause);
    }
}
