package org.stylexaudit.synth;

/** The generator could not write its output (disk, encoder or DICOM writer failure). */
public class SynthException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the file or step that failed. */
    public SynthException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates the exception with a message only. */
    public SynthException(String message) {
        super(message);
    }
}
