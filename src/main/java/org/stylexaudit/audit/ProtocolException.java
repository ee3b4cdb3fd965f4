package org.stylexaudit.audit;

/** Reports an invalid protocol file: the message names the file, the field path and the reason in one line. */
public final class ProtocolException extends AuditException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the complete one-line message. */
    public ProtocolException(String message) {
        super(message);
    }
}
