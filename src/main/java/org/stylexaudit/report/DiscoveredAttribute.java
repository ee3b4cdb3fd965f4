package org.stylexaudit.report;

import java.util.List;
import java.util.Objects;

/**
 * An attribute AttFind selected: a style coordinate whose shift moves the classifier toward a target class.
 *
 * @param id                     short stable id within the run ({@code A1}, {@code A2}, ...)
 * @param coordinate             the style coordinate and direction
 * @param targetClass            the class the attribute pushes toward
 * @param shareAffected          share of analysed images whose target probability changed notably, 0..1
 * @param meanProbabilityChange  mean change of the target-class probability over analysed images
 * @param alignment              ground-truth factors that change with the attribute (empty when unknown)
 * @param curves                 probability against shift, one curve per class
 * @param strips                 counterfactual strips for 4-6 images
 */
public record DiscoveredAttribute(String id, StyleCoordinate coordinate, String targetClass, double shareAffected,
                                  double meanProbabilityChange, List<FactorAlignment> alignment,
                                  List<ShiftCurve> curves, List<CounterfactualStrip> strips) {

    /** Copies lists and checks ranges. */
    public DiscoveredAttribute {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(coordinate, "coordinate");
        Objects.requireNonNull(targetClass, "targetClass");
        if (!(shareAffected >= 0 && shareAffected <= 1)) {
            throw new IllegalArgumentException("shareAffected of " + id + " must be in [0, 1], got " + shareAffected);
        }
        alignment = alignment == null ? List.of() : List.copyOf(alignment);
        curves = curves == null ? List.of() : List.copyOf(curves);
        strips = strips == null ? List.of() : List.copyOf(strips);
    }

    /** One ground-truth factor and how much it changes when the attribute is applied. */
    public record FactorAlignment(String factor, double change) {
    }

    /**
     * Classifier probability of one class against the shift applied to the coordinate.
     *
     * @param className     the class
     * @param shifts        shift values (multiples of the AttFind shift factor), ascending
     * @param probabilities mean probability at each shift
     */
    public record ShiftCurve(String className, List<Double> shifts, List<Double> probabilities) {

        /** Checks that both lists have the same length. */
        public ShiftCurve {
            shifts = List.copyOf(shifts);
            probabilities = List.copyOf(probabilities);
            if (shifts.size() != probabilities.size()) {
                throw new IllegalArgumentException("curve for " + className + " has " + shifts.size()
                        + " shifts but " + probabilities.size() + " probabilities");
            }
        }
    }
}
