package org.stylexaudit.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become a message and an exit code: a single line on stderr, no stack trace
 * (unless {@code STYLEX_DEBUG} is set in the environment).
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + message(ex));
        if (System.getenv("STYLEX_DEBUG") != null) {
            ex.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return exitCodeFor(ex);
    }

    static int exitCodeFor(Throwable ex) {
        if (ex instanceof CommandLine.ParameterException || ex instanceof UsageException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.FAILURE;
    }

    /** Returns the first line of the most informative message in the cause chain. */
    static String message(Throwable ex) {
        Throwable t = ex;
        String msg = t.getMessage();
        while ((msg == null || msg.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            msg = t.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory; give the JVM more heap (-Xmx) or lower the batch size";
        }
        if (msg == null || msg.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return msg.split("\n")[0];
    }
}
