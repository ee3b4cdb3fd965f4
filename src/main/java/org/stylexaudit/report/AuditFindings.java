package org.stylexaudit.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything AttFind found for one run: the input of the audit report and of user-study packets.
 *
 * <p>Serialised as {@code findings.json} next to a {@code frames/} folder of PNGs (see {@link FindingsFolder});
 * frames are referenced by relative file name so the JSON stays small and diffable.
 *
 * @param run          provenance of the run
 * @param classNames   the classifier's class names, in output order
 * @param attributes   discovered attributes, most important first
 * @param explanations per-image explanations for selected images
 * @param fidelity     how faithfully the generator reproduces images and classifier decisions
 */
public record AuditFindings(RunInfo run, List<String> classNames, List<DiscoveredAttribute> attributes,
                            List<ImageExplanation> explanations, Fidelity fidelity) {

    /** Copies the lists and checks that every attribute targets a known class. */
    public AuditFindings {
        Objects.requireNonNull(run, "run");
        classNames = List.copyOf(classNames);
        attributes = List.copyOf(attributes);
        explanations = explanations == null ? List.of() : List.copyOf(explanations);
        Objects.requireNonNull(fidelity, "fidelity");
        for (DiscoveredAttribute a : attributes) {
            if (!classNames.contains(a.targetClass())) {
                throw new IllegalArgumentException("attribute " + a.id() + " targets class '" + a.targetClass()
                        + "', expected one of " + classNames);
            }
        }
    }

    /** Returns the attribute with this id. */
    public DiscoveredAttribute attribute(String id) {
        return attributes.stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no attribute '" + id + "' in these findings"));
    }
}
