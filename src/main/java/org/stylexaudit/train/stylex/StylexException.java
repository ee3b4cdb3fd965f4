package org.stylexaudit.train.stylex;

/** Signals that StylEx training, checkpointing or export failed; the message says what and where. */
public class StylexException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public StylexException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the lower-layer cause. */
    public StylexException(String message, Throwable cause) {
        super(message, cause);
    }
}
