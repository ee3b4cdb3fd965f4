package org.stylexaudit.dicom;

/** Signals a file that breaks one of the {@link ReadLimits} (or is truncated), so it is refused before harm. */
public final class LimitExceededException extends DicomException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line reason naming the limit. */
    public LimitExceededException(String message) {
        super(message);
    }
}
