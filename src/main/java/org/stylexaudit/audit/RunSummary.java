package org.stylexaudit.audit;

import java.util.List;

/**
 * Records what one audit run did; written as JSON next to the report so schedulers and people can check it.
 *
 * @param protocol   the protocol file as given
 * @param started    start time, ISO-8601 UTC
 * @param finished   end time, ISO-8601 UTC
 * @param ingestRun  the ingest run id, or -1 when ingest did not run
 * @param newImages  images accepted by this run's ingest
 * @param rejected   files rejected by this run's ingest
 * @param classified images classified in this run
 * @param modelWork  whether any model ran (false when nothing was new)
 * @param outcome    one word: ok, nothing-new, partial or failed
 * @param warnings   steps skipped or degraded, one line each
 */
public record RunSummary(String protocol, String started, String finished, long ingestRun, int newImages,
        int rejected, int classified, boolean modelWork, String outcome, List<String> warnings) {

    /** Copies the warnings so the record stays immutable. */
    public RunSummary {
        warnings = List.copyOf(warnings);
    }
}
