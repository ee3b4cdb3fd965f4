package org.stylexaudit.cli;

/** A mistake in how the command was called (a missing file, a bad value); exits with code 2. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying what was expected and what was received. */
    public UsageException(String message) {
        super(message);
    }
}
