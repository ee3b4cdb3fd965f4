package org.stylexaudit.ingest;

import java.util.List;
import java.util.Map;

/**
 * Tells what one ingest run did; stored as JSON in the run row and printed by the command.
 *
 * @param runId             the run row in the workspace
 * @param seen              files (and links, special files, unreadable folders) found in the source
 * @param accepted          files decoded and normalised into the cache in this run
 * @param rejected          files that could not be used in this run; {@code rejections} lists each
 * @param skipped           files catalogued but not used by design (SOP class not of interest, duplicate, link)
 * @param unchanged         files already catalogued and unchanged since (path, size, mtime or content digest)
 * @param unchangedRejected of {@code unchanged}, how many were rejected by an earlier run and stay so
 * @param missing           files catalogued by earlier runs of this source that are no longer there
 * @param skippedByReason   {@code skipped} broken down by reason
 * @param rejections        each rejection of this run, in walk order; paths relative to the source, in clear
 *                          (the copy stored in the run row holds them as the catalog does)
 */
public record IngestSummary(long runId, int seen, int accepted, int rejected, int skipped, int unchanged,
                            int unchangedRejected, int missing, Map<String, Integer> skippedByReason,
                            List<Rejection> rejections) {

    /** Copies the collections (reasons sorted) so the summary cannot change after it is returned. */
    public IngestSummary {
        skippedByReason = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(skippedByReason));
        rejections = List.copyOf(rejections);
    }

    /**
     * One file that could not be ingested.
     *
     * @param path   path relative to the source root, with {@code /} separators
     * @param reason why, starting with a short category ({@code truncated}, {@code not an image}, ...)
     */
    public record Rejection(String path, String reason) {
    }

    /** Returns a copy whose rejection paths are mapped, e.g. to the keyed form the catalog stores. */
    public IngestSummary withPaths(java.util.function.UnaryOperator<String> map) {
        return new IngestSummary(runId, seen, accepted, rejected, skipped, unchanged, unchangedRejected, missing,
                skippedByReason, rejections.stream().map(r -> new Rejection(map.apply(r.path()), r.reason())).toList());
    }

    /** Returns true when this run rejected at least one file. */
    public boolean hasRejections() {
        return rejected > 0;
    }
}
