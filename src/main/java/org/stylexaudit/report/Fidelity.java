package org.stylexaudit.report;

import java.util.List;

/**
 * How faithfully the StylEx generator stands in for real images.
 *
 * @param reconstructionAgreement  share of images whose reconstruction gets the same predicted class, 0..1
 * @param meanAbsProbabilityChange mean |p(x) - p(G(E(x)))| over classes and images
 * @param psnr                     mean reconstruction PSNR in dB
 * @param sufficiency              share of images whose decision flips when their top k attributes are applied
 */
public record Fidelity(double reconstructionAgreement, double meanAbsProbabilityChange, double psnr,
                       List<SufficiencyPoint> sufficiency) {

    /** Copies the curve. */
    public Fidelity {
        sufficiency = sufficiency == null ? List.of() : List.copyOf(sufficiency);
    }

    /** One point of the sufficiency curve: with the top {@code k} attributes, {@code shareFlipped} decisions flip. */
    public record SufficiencyPoint(int k, double shareFlipped) {
    }
}
