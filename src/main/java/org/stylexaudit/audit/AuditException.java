package org.stylexaudit.audit;

/** Signals a failure of an audit step (protocol, lock, summary); the message is one line for the console. */
public class AuditException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public AuditException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and its cause. */
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
