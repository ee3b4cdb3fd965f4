package org.stylexaudit.report;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.LinkedHashMap;

/**
 * Provenance of the AttFind run a report describes.
 *
 * @param runId           the workspace run id, or {@code null} for findings read from a file only
 * @param date            when AttFind finished, ISO-8601 instant
 * @param classifierSha256 SHA-256 of the classifier under audit
 * @param bundleSha256    SHA-256 of the StylEx bundle ({@code bundle.json} digest)
 * @param protocol        the audit protocol's name
 * @param imageCounts     named image counts (e.g. {@code analysed}, {@code unstable}), in display order
 * @param toolVersions    versions of the tool, Java, ONNX Runtime, ... in display order
 * @param parameters      AttFind parameters (shift factor, N, k, seed, ...), in display order
 */
public record RunInfo(Long runId, String date, String classifierSha256, String bundleSha256, String protocol,
                      Map<String, Integer> imageCounts, Map<String, String> toolVersions,
                      Map<String, String> parameters) {

    /** Copies the maps keeping their order. */
    public RunInfo {
        Objects.requireNonNull(date, "date");
        imageCounts = imageCounts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(imageCounts));
        toolVersions = toolVersions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(toolVersions));
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Returns the parameters sorted by name, for the appendix. */
    public Map<String, String> sortedParameters() {
        return new TreeMap<>(parameters);
    }
}
