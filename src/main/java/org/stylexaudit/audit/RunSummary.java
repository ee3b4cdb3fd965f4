package org.stylexaudit.audit;

import java.util.List;
import java.util.Map;

/**
 * Records what one audit run did; written as JSON next to the report so schedulers and people can check it.
 * docs/protocol.md describes every field.
 *
 * @param protocol    the protocol file as given
 * @param started     start time, ISO-8601 UTC
 * @param finished    end time, ISO-8601 UTC
 * @param auditRun    the workspace run row of this audit
 * @param ingestRun   the ingest run id, or -1 when ingest did not run
 * @param newImages   images accepted by this run's ingest
 * @param rejected    files rejected by this run's ingest
 * @param acceptedTotal accepted images in the workspace after this run
 * @param classified  images classified in this run (includes images a killed run left unclassified)
 * @param predictedByClass stored predictions per class name, over the whole workspace
 * @param modelWork   whether any model ran (false when nothing was new)
 * @param discoverRun the discover run whose findings the report shows, or -1 when there is none
 * @param findings    top attributes per class of that run
 * @param report      the report PDF written or kept for this image set, or null
 * @param study       the study packet folder, or null
 * @param timings     seconds per stage that ran, in order
 * @param outcome     one word: ok, nothing-new, partial or failed
 * @param warnings    steps skipped or degraded, one line each
 */
public record RunSummary(String protocol, String started, String finished, long auditRun, long ingestRun,
        int newImages, int rejected, int acceptedTotal, int classified, Map<String, Integer> predictedByClass,
        boolean modelWork, long discoverRun, List<ClassFindings> findings, String report, String study,
        Map<String, Double> timings, String outcome, List<String> warnings) {

    /** Copies collections so the record stays immutable (maps keep their order). */
    public RunSummary {
        predictedByClass = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(predictedByClass));
        findings = List.copyOf(findings);
        timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
        warnings = List.copyOf(warnings);
    }

    /** The attributes found toward one class, best first. */
    public record ClassFindings(String className, List<Finding> attributes) {

        /** Copies the list. */
        public ClassFindings {
            attributes = List.copyOf(attributes);
        }
    }

    /**
     * One discovered attribute.
     *
     * @param id attribute id as in the report
     * @param label style layer, channel and direction
     * @param meanEffect mean change of the class probability over the stable images
     * @param shareAffected share of stable images the attribute moves by at least the threshold
     */
    public record Finding(String id, String label, double meanEffect, double shareAffected) {
    }
}
