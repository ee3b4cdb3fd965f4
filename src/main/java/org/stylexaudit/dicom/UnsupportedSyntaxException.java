package org.stylexaudit.dicom;

/** Signals a transfer syntax or pixel encoding the codec deliberately does not handle (JPEG-LS, JPEG 2000, ...). */
public final class UnsupportedSyntaxException extends DicomException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line reason naming the syntax. */
    public UnsupportedSyntaxException(String message) {
        super(message);
    }
}
