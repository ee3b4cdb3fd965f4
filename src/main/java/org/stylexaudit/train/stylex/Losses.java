package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/** Computes the StylEx loss terms that are more than one line. */
final class Losses {

    /** Band-pass levels of the Laplacian pyramid used by the perceptual term. */
    static final int PYRAMID_LEVELS = 3;

    /** Band-pass levels the tail term compares, finest first: the ones that hold lesion-sized dots. */
    static final int TAIL_LEVELS = 2;
    /** Each tail holds this fraction of a band's pixels: 64 of 4 096 at 64 px, a few lesions' worth. */
    static final int TAIL_DIVISOR = 64;
    /**
     * Radius, as a fraction of the image side, of the disc the tail term looks at: inside the centred field of view
     * (radius 0.46 of the side) and clear of its rim, whose edge would otherwise fill both tails.
     */
    static final double TAIL_FIELD = 0.40;

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
        for (NDArray level : pyramid(diff)) {
            NDArray term = level.abs().mean();
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    /**
     * Returns the Laplacian pyramid of images [B,C,R,R]: up to {@link #PYRAMID_LEVELS} band-pass levels, finest
     * first (a level is the image minus its 2x area-averaged, re-upsampled self), then the remaining low-pass image.
     */
    static List<NDArray> pyramid(NDArray img) {
        List<NDArray> levels = new ArrayList<>();
        NDArray g = img;
        for (int i = 0; i < PYRAMID_LEVELS && g.getShape().get(2) >= 4; i++) {
            NDArray low = Layers.downsample(g);
            levels.add(g.sub(Layers.upsample(low)));
            g = low;
        }
        levels.add(g);
        return levels;
    }

    /**
     * Returns the texture term from the {@link #pyramid pyramids} of x and of G(E(x)): the relative L1 between their
     * {@link #textureStats texture statistics} (with the peak statistic when {@code peakPower} > 0), each statistic
     * divided by its batch mean over the originals so that rare, faint detail counts as much as the vessels. It
     * does not care where detail is, only how much of it there is: a reconstruction that
     * blurs five lesions away is penalized, one that draws them a few pixels off is not (the pixel and pyramid
     * L1 penalize that twice, once for the missing dot and once for the misplaced one, and so favour the blur).
     */
    static NDArray textureL1(Ctx ctx, List<NDArray> x, List<NDArray> xr, int peakPower) {
        NDArray sx = textureStats(ctx, x, peakPower).stopGradient();
        NDArray scale = sx.mean(new int[] {0}, true).add(ctx.c(1e-3f));
        return textureStats(ctx, xr, peakPower).sub(sx).abs().div(scale).mean();
    }

    /**
     * Returns position-free texture statistics [B, 12 * levels] of images [B,3,R,R], given their
     * {@link #pyramid}: for each band-pass level of the Laplacian pyramid and each channel, the mean and the root
     * mean square of the band's bright part and of
     * its dark part. Mean and root mean square together tell a few strong dots from a faint haze of the same
     * total, in the spirit of the pooled feature statistics of texture losses (Gatys et al.). A {@code peakPower}
     * p > 0 adds, per part and channel, the L_p norm (mean part^p)^(1/p) after the root mean square
     * ([B, 18 * levels]); for large p it approaches the band's extreme, where a few strong dots and many faint ones
     * of the same mean and root mean square differ.
     */
    static NDArray textureStats(Ctx ctx, List<NDArray> levels, int peakPower) {
        List<NDArray> stats = new ArrayList<>();
        for (NDArray band : levels.subList(0, levels.size() - 1)) {
            // PyTorch's engine reduces over one axis at a time: flatten the pixels first.
            NDArray flat = band.reshape(band.getShape().get(0), band.getShape().get(1), -1);
            for (NDArray part : new NDArray[] {Activation.relu(flat), Activation.relu(flat.neg())}) {
                stats.add(part.mean(new int[] {2}));
                stats.add(part.square().mean(new int[] {2}).add(ctx.c(1e-6f)).sqrt());
                if (peakPower > 0) {
                    // The floor keeps the root's gradient finite on a flat band (mean part^p of zero).
                    stats.add(part.pow(peakPower).mean(new int[] {2}).add(ctx.c((float) Math.pow(1e-3, peakPower)))
                            .pow(1f / peakPower));
                }
            }
        }
        return NDArrays.concat(new NDList(stats), 1);
    }

    /**
     * Returns the tail term from the {@link #pyramid pyramids} of x and of G(E(x)) ({@code bx}, {@code br}): for
     * the {@link #TAIL_LEVELS} finest band-pass levels, inside the
     * central disc of the field of view, each channel's band values are sorted and the darkest and the brightest
     * {@code 1/TAIL_DIVISOR} of them compared between x and G(E(x)), L1 divided by the originals' batch mean
     * magnitude of that tail. That is the one-dimensional Wasserstein distance between the tails of the two value
     * distributions (the histogram losses of texture synthesis, Risser et al. 2017), so, like the texture term, it
     * does not care where the darkest pixels are. Unlike a mean, a root mean square or an L_p norm it cannot be met
     * by many faint dots: five lesions 0.4 below the background fill the dark tail with values a faint haze never
     * reaches. With {@code tiles} > 1 each tile of a tiles x tiles grid is sorted on its own, so one large bright
     * structure (the optic disc) fills the bright tail of its tiles only.
     *
     * <p>With {@code opponent} > 0 the green-minus-blue band of each image (a band of G - B, as the pyramid is
     * linear) is compared the same way and added with that weight: a hard exudate is bright in green but hardly in
     * blue, and per-channel tails let a reconstruction meet both with a whitish dot, which no probe or reader
     * takes for an exudate.
     */
    static NDArray tailL1(Ctx ctx, List<NDArray> bx, List<NDArray> br, int tiles, float opponent) {
        int levels = Math.min(TAIL_LEVELS, bx.size() - 1);
        NDArray total = null;
        for (int i = 0; i < levels; i++) {
            long side = bx.get(i).getShape().get(2);
            int t = side % tiles == 0 ? tiles : 1;
            NDArray field = fieldMask(ctx, side);
            NDArray fx = bx.get(i).mul(field);
            NDArray fr = br.get(i).mul(field);
            NDArray term = tailDistance(ctx, fx, fr, t);
            if (opponent > 0) {
                term = term.add(tailDistance(ctx, greenMinusBlue(fx), greenMinusBlue(fr), t).mul(ctx.c(opponent)));
            }
            total = total == null ? term : total.add(term);
        }
        return total.div(ctx.c(2f * levels));
    }

    /** Returns the summed relative L1 of the dark and the bright tails of two bands [B,C,R,R] cut into t x t tiles. */
    private static NDArray tailDistance(Ctx ctx, NDArray bandX, NDArray bandR, int t) {
        NDArray[] tx = tails(bandX, t);
        NDArray[] tr = tails(bandR, t);
        NDArray sum = null;
        for (int part = 0; part < 2; part++) {
            NDArray target = tx[part].stopGradient();
            // PyTorch's engine reduces over one axis at a time.
            NDArray scale = target.abs().mean(new int[] {3}, true).mean(new int[] {2}, true)
                    .mean(new int[] {0}, true).add(ctx.c(1e-3f));
            NDArray term = tr[part].sub(target).abs().div(scale).mean();
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    /** Returns channel 1 minus channel 2 of [B,3,R,R] as [B,1,R,R]. */
    private static NDArray greenMinusBlue(NDArray band) {
        return band.get(":, 1:2").sub(band.get(":, 2:3"));
    }

    /**
     * Returns the sorted darkest and brightest values [B,C,T*T,k] of each image, channel and tile of a band
     * [B,C,R,R] cut into a T x T grid.
     */
    private static NDArray[] tails(NDArray band, int t) {
        Shape s = band.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long side = s.get(2) / t;
        NDArray cells = band.reshape(b, c, t, side, t, side).transpose(0, 1, 2, 4, 3, 5)
                .reshape(b, c, (long) t * t, side * side);
        NDArray sorted = cells.sort(3);
        long n = side * side;
        long k = Math.max(1, n / TAIL_DIVISOR);
        return new NDArray[] {sorted.get(":, :, :, :" + k), sorted.get(":, :, :, " + (n - k) + ":")};
    }

    /** Returns 1 inside the central disc of radius {@link #TAIL_FIELD} times the side, 0 outside, as [1,1,R,R]. */
    private static NDArray fieldMask(Ctx ctx, long side) {
        int r = (int) side;
        float[] m = new float[r * r];
        double centre = (r - 1) / 2.0;
        for (int y = 0; y < r; y++) {
            for (int x = 0; x < r; x++) {
                m[y * r + x] = Math.hypot(x - centre, y - centre) <= TAIL_FIELD * r ? 1f : 0f;
            }
        }
        return ctx.own(ctx.manager().create(m, new Shape(1, 1, r, r)));
    }

    /** Returns mean KL(p || softmax(logitsQ)) over the batch, for constant p with log-probabilities logp. */
    static NDArray kl(NDArray p, NDArray logp, NDArray logitsQ) {
        NDArray logq = logitsQ.logSoftmax(1);
        return p.mul(logp.sub(logq)).sum(new int[] {1}).mean();
    }
}
