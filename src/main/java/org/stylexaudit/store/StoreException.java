package org.stylexaudit.store;

/** Signals that the workspace database could not be opened, migrated, read or written. */
public class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message naming the workspace and the reason. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception with a message. */
    public StoreException(String message) {
        super(message);
    }
}
