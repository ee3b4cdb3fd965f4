package org.stylexaudit.study;

import java.nio.file.Path;
import java.util.List;

/**
 * Outcome of importing filled packets: which were stored and which were refused, with the reason.
 *
 * @param imported packets stored
 * @param rejected files refused
 */
public record ImportResult(List<Imported> imported, List<Rejected> rejected) {

    /** Copies the lists. */
    public ImportResult {
        imported = List.copyOf(imported);
        rejected = List.copyOf(rejected);
    }

    /** A packet stored from a file. */
    public record Imported(Path file, String packetId, int items, int answered) {
    }

    /** A file refused. */
    public record Rejected(Path file, String reason) {
    }
}
