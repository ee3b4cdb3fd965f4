package org.stylexaudit.train.onnx;

/** Signals that an ONNX model cannot be imported: unreadable, malformed, or using unsupported operators. */
public class OnnxImportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the model and what is wrong with it. */
    public OnnxImportException(String message) {
        super(message);
    }

    /** Creates the exception wrapping a lower-layer cause. */
    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
