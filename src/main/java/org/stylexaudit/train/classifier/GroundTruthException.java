package org.stylexaudit.train.classifier;

import java.nio.file.Path;

/** A ground-truth CSV could not be used; the message names the file and, where known, the line. */
public final class GroundTruthException extends ClassifierException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code file} at 1-based {@code line} (0 when no line applies). */
    public GroundTruthException(Path file, long line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
    }

    /** Creates the exception for {@code file} with an I/O cause. */
    public GroundTruthException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
    }
}
