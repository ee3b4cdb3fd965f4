package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Records whether the encoder and the mapping network use the same region of w, and whether the encoder can read
 * w back from generated images: the signs of the failure where reconstructions look alike for every input.
 *
 * <p>In the step-2540 sample run the encoder's w varied about 100 times less across images than the mapping's w
 * across noise draws, noise images varied six times more than real ones, and E(G(M(z))) recovered M(z) no better
 * than a constant guess; the reconstructions showed it as one average fundus per class. These numbers make that
 * visible in {@code bundle.json} ({@code training.latentSpread}) and in the command's output.
 *
 * @param images held-out images and noise draws measured
 * @param encoderWVariance variance of E(x) over held-out images, averaged over the w dimensions (close to 1 by
 *        construction when {@link StylexConfig#wNorm()} standardizes E(x); then the image variances say more)
 * @param mappingWVariance variance of M(z) over noise draws, averaged over the w dimensions
 * @param realImageVariance variance of the held-out images over images, averaged over pixels and channels
 * @param reconstructionVariance the same for their reconstructions G(E(x))
 * @param noiseImageVariance the same for noise images G(M(z)) with one fixed condition
 * @param noiseInversionL1 mean |E(G(M(z))) - M(z)|
 * @param constantGuessL1 mean |M(z) - per-dimension mean of M(z)|: what an encoder that ignores its input scores
 */
public record LatentSpread(int images, double encoderWVariance, double mappingWVariance, double realImageVariance,
        double reconstructionVariance, double noiseImageVariance, double noiseInversionL1, double constantGuessL1) {

    /** Seed of the noise draws, fixed so that two bundles are measured on the same z. */
    static final long NOISE_SEED = 5L;

    /** Measures the moving-average networks of {@code t} on up to {@code max} held-out images. */
    static LatentSpread measure(StylexTrainer t, int max) {
        int n = Math.min(max, t.data().heldOutCount());
        int r = t.config().resolution();
        int zDim = t.config().zDim();
        float[] z = StylexTrainer.gaussian(new SplittableRandom(NOISE_SEED), n * zDim);
        return t.withContext(ctx -> {
            NDArray x = ctx.manager().create(t.data().heldOut(0, n), new Shape(n, 3, r, r));
            NDArray p = t.classify(ctx, x).softmax(1);
            Latent lat = t.latent(ctx, t.ema, x);
            NDArray w = lat.w();
            NDArray xr = t.generate(ctx, t.ema, lat, p).clip(-1f, 1f);
            NDArray wm = t.mapping.forward(ctx, t.ema.mapping(), ctx.manager().create(z, new Shape(n, zDim)));
            NDArray cond = p.get("0:1").repeat(0, n);
            NDArray xf = t.generate(ctx, t.ema, wm, cond).clip(-1f, 1f);
            NDArray back = t.encode(ctx, t.ema, xf);
            return new LatentSpread(n, variance(w), variance(wm), variance(x.mul(ctx.c(0.5f))),
                    variance(xr.mul(ctx.c(0.5f))), variance(xf.mul(ctx.c(0.5f))),
                    back.sub(wm).abs().mean().getFloat(),
                    wm.sub(wm.mean(new int[] {0}, true)).abs().mean().getFloat());
        });
    }

    /** Variance over the first axis, averaged over all other entries (images in [0,1] units for pictures). */
    private static double variance(NDArray a) {
        return a.sub(a.mean(new int[] {0}, true)).square().mean().getFloat();
    }

    /** Returns one line for the command's output. */
    public String describe() {
        return String.format(Locale.ROOT, "latent spread on %d images: var E(x) %.4f vs var M(z) %.4f; image variance "
                + "real %.4f, reconstructed %.4f, noise %.4f; E(G(M(z))) recovers M(z) to L1 %.3f (a constant guess: "
                + "%.3f)", images, encoderWVariance, mappingWVariance, realImageVariance, reconstructionVariance,
                noiseImageVariance, noiseInversionL1, constantGuessL1);
    }
}
