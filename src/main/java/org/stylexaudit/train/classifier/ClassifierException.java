package org.stylexaudit.train.classifier;

/** Says why the sample classifier could not be trained, evaluated or written. */
public class ClassifierException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message. */
    public ClassifierException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the lower-level cause. */
    public ClassifierException(String message, Throwable cause) {
        super(message, cause);
    }
}
