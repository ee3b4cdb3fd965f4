package org.stylexaudit.study;

/** Signals that a study could not be exported, imported or scored. */
public class StudyException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public StudyException(String message) {
        super(message);
    }

    /** Creates the exception wrapping a lower-layer cause. */
    public StudyException(String message, Throwable cause) {
        super(message, cause);
    }
}
