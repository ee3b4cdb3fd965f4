package org.stylexaudit.audit;

/** Signals that a valid protocol does not fit what it points at (bundle classes, archive folder); exit code 2. */
public final class ProtocolMismatchException extends AuditException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message naming the protocol field. */
    public ProtocolMismatchException(String message) {
        super(message);
    }
}
