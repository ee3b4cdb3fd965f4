package org.stylexaudit.cli;

/** The exit codes every command uses; documented in docs/cli.md. */
public final class ExitCodes {

    /** Everything asked for was done. */
    public static final int OK = 0;
    /** The command failed; the message says why. */
    public static final int FAILURE = 1;
    /** The command line or a protocol was invalid. */
    public static final int USAGE = 2;
    /** The command finished but some inputs were rejected; the summary lists them. */
    public static final int PARTIAL = 3;

    private ExitCodes() {
    }
}
