package org.stylexaudit.report;

/** Signals that findings could not be read or a report could not be written. */
public class ReportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the file and the reason. */
    public ReportException(String message) {
        super(message);
    }

    /** Creates the exception wrapping a lower-layer cause. */
    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
