package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;

/** Computes the StylEx loss terms that are more than one line. */
final class Losses {

    /** Band-pass levels of the Laplacian pyramid used by the perceptual term. */
    static final int PYRAMID_LEVELS = 3;

    private Losses() {
    }

    /**
     * Returns the Laplacian-pyramid L1 of a difference image: the mean absolute value of each band-pass level
     * (image minus its blurred, upsampled half) plus the final low-pass, summed. The pyramid is linear, so the
     * pyramid of x - G(E(x)) is the difference of the pyramids. Band-pass levels weigh small structures (lesion
     * dots, vessel edges) as much as large colour areas, which a plain pixel L1 lets blur away.
     */
    static NDArray pyramidL1(Ctx ctx, NDArray diff) {
        NDArray total = null;
        NDArray g = diff;
        for (int i = 0; i < PYRAMID_LEVELS && g.getShape().get(2) >= 4; i++) {
            NDArray low = Layers.downsample(g);
            NDArray band = g.sub(Layers.upsample(low));
            NDArray term = band.abs().mean();
            total = total == null ? term : total.add(term);
            g = low;
        }
        NDArray lowTerm = g.abs().mean();
        return total == null ? lowTerm : total.add(lowTerm);
    }

    /** Returns mean KL(p || softmax(logitsQ)) over the batch, for constant p with log-probabilities logp. */
    static NDArray kl(NDArray p, NDArray logp, NDArray logitsQ) {
        NDArray logq = logitsQ.logSoftmax(1);
        return p.mul(logp.sub(logq)).sum(new int[] {1}).mean();
    }
}
