package org.stylexaudit.study;

/** Signals that a filled packet was refused: foreign packet ID, altered item list, duplicate, or invalid answers. */
public final class PacketRejectedException extends StudyException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the file and the reason. */
    public PacketRejectedException(String message) {
        super(message);
    }
}
