package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Standardizes the encoder's output per w dimension, as a batch normalization without learned scale or shift:
 * training batches use their own mean and variance, the moving-average networks (held-out PSNR, fidelity, export)
 * use the mean and variance of the moving-average encoder's outputs on a fixed set of training images, measured
 * again before each use ({@link StylexTrainer#calibrate()}) and kept in the checkpoint as last measured.
 *
 * <p>Why: in the step-2540 sample run E(x) varied about 100 times less across images than the mapping's w, so the
 * style affines saw almost the same input for every image and the generator drew one average fundus per class.
 * Dividing by the batch's own spread takes away the encoder's way of shrinking its outputs, and gives the affines
 * unit-variance inputs from the first step. The fitted statistics are folded into {@code encoder.onnx} as a
 * subtraction and a multiplication, so the bundle's w is the standardized one. They are measured rather than
 * tracked with a moving average because the live encoder's raw outputs drift in offset and scale (nothing in the
 * loss holds them once they are standardized), and a tracked average of the moving-average encoder's outputs lagged
 * so far behind that held-out PSNR fell from 19.5 dB to 14.3 dB at step 1289 of a fresh run.
 */
final class WStandardizer {

    static final float EPS = 1e-5f;

    private final ParamSet stats;

    WStandardizer(int wDim, NDManager parent) {
        stats = new ParamSet("w_stats", parent);
        stats.constant("mean", new Shape(wDim), 0f);
        stats.constant("var", new Shape(wDim), 1f);
    }

    /** Returns the statistics as a parameter set, so that checkpoints keep them. */
    ParamSet stats() {
        return stats;
    }

    /** Returns {@code h} standardized with its batch's statistics; gradients flow through them. */
    NDArray batch(Ctx ctx, NDArray h) {
        NDArray centred = h.sub(h.mean(new int[] {0}, true));
        NDArray var = centred.square().mean(new int[] {0}, true);
        return centred.div(var.add(ctx.c(EPS)).sqrt());
    }

    /** Sets the fitted statistics to the mean and variance of the raw outputs {@code h} [N, wDim]. */
    void fit(NDArray h) {
        try (NDManager tmp = stats.manager().newSubManager()) {
            NDArray d = h.stopGradient();
            d.attach(tmp);
            NDArray mean = d.mean(new int[] {0});
            mean.attach(tmp);
            NDArray var = d.sub(mean.reshape(1, -1)).square().mean(new int[] {0});
            var.attach(tmp);
            stats.get("mean").set(mean.toFloatArray());
            stats.get("var").set(var.toFloatArray());
        }
    }

    /** Returns {@code h} standardized with the fitted statistics (no batch dependence). */
    NDArray running(Ctx ctx, NDArray h) {
        NDArray mean = ctx.own(stats.get("mean").reshape(1, -1).add(ctx.c(0f)));
        NDArray scale = ctx.own(stats.get("var").add(ctx.c(EPS)).sqrt().reshape(1, -1));
        return h.sub(mean).div(scale);
    }

    /** Appends the fitted standardization to an ONNX graph whose value {@code h} is the raw encoder output. */
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
