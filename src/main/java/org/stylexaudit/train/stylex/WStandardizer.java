package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Standardizes the encoder's output per w dimension, as a batch normalization without learned scale or shift:
 * training batches use their own mean and variance, the moving-average networks (fidelity, export) use running
 * statistics of the moving-average encoder's outputs, kept beside the weights.
 *
 * <p>Why: in the step-2540 sample run E(x) varied about 100 times less across images than the mapping's w, so the
 * style affines saw almost the same input for every image and the generator drew one average fundus per class.
 * Dividing by the batch's own spread takes away the encoder's way of shrinking its outputs, and gives the affines
 * unit-variance inputs from the first step. The running statistics are folded into {@code encoder.onnx} as a
 * subtraction and a multiplication, so the bundle's w is the standardized one.
 */
final class WStandardizer {

    /** Running statistics follow the tracked batches with this decay per encoder batch (about 100 batches). */
    static final float MOMENTUM = 0.99f;
    static final float EPS = 1e-5f;

    private final ParamSet stats;

    WStandardizer(int wDim, NDManager parent) {
        stats = new ParamSet("w_stats", parent);
        stats.constant("mean", new Shape(wDim), 0f);
        stats.constant("var", new Shape(wDim), 1f);
    }

    /** Returns the running statistics as a parameter set, so checkpoints save and restore them. */
    ParamSet stats() {
        return stats;
    }

    /** Returns {@code h} standardized with its batch's statistics; gradients flow through them. */
    NDArray batch(Ctx ctx, NDArray h) {
        NDArray centred = h.sub(h.mean(new int[] {0}, true));
        NDArray var = centred.square().mean(new int[] {0}, true);
        return centred.div(var.add(ctx.c(EPS)).sqrt());
    }

    /** Moves the running statistics towards those of the raw outputs {@code h} (no gradient). */
    void track(Ctx ctx, NDArray h) {
        try (NDManager tmp = stats.manager().newSubManager()) {
            NDArray d = h.stopGradient();
            NDArray mean = d.mean(new int[] {0});
            NDArray var = d.sub(mean.reshape(1, -1)).square().mean(new int[] {0});
            NDArray m = mean.mul(ctx.c(1f - MOMENTUM));
            NDArray v = var.mul(ctx.c(1f - MOMENTUM));
            for (NDArray a : new NDArray[] {d, mean, var, m, v}) {
                a.attach(tmp);
            }
            stats.get("mean").muli(MOMENTUM).addi(m);
            stats.get("var").muli(MOMENTUM).addi(v);
        }
    }

    /** Returns {@code h} standardized with the running statistics (no batch dependence). */
    NDArray running(Ctx ctx, NDArray h) {
        NDArray mean = ctx.own(stats.get("mean").reshape(1, -1).add(ctx.c(0f)));
        NDArray scale = ctx.own(stats.get("var").add(ctx.c(EPS)).sqrt().reshape(1, -1));
        return h.sub(mean).div(scale);
    }

    /** Appends the running standardization to an ONNX graph whose value {@code h} is the raw encoder output. */
    String export(OnnxBuilder ob, String h) {
        float[] mean = stats.get("mean").toFloatArray();
        float[] var = stats.get("var").toFloatArray();
        float[] inv = new float[var.length];
        for (int i = 0; i < var.length; i++) {
            inv[i] = (float) (1.0 / Math.sqrt(var[i] + EPS));
        }
        String m = ob.init("w_stats/mean", mean, 1, mean.length);
        String s = ob.init("w_stats/inv_std", inv, 1, inv.length);
        return ob.mul(ob.sub(h, m), s);
    }
}
