package org.stylexaudit.engine;

/** Signals that inference failed: a session could not be created or a model rejected its input. */
public class EngineException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the model and what went wrong. */
    public EngineException(String message) {
        super(message);
    }

    /** Creates the exception wrapping a lower-layer cause (usually an ONNX Runtime error). */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
