package org.stylexaudit.attfind;

/** Signals that AttFind cannot run or finish: unusable input, a failing engine or an unwritable result. */
public class AttFindException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message says what failed and why. */
    public AttFindException(String message) {
        super(message);
    }

    /** Creates an exception wrapping a lower-layer cause. */
    public AttFindException(String message, Throwable cause) {
        super(message, cause);
    }
}
