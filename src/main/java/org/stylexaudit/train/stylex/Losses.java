package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

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
     * Returns the texture term: the relative L1 between the {@link #textureStats texture statistics} of x and of
     * G(E(x)) (with the peak statistic when {@code peakPower} > 0), each statistic divided by its batch mean over the originals so that rare, faint detail counts as
     * much as the vessels. It does not care where detail is, only how much of it there is: a reconstruction that
     * blurs five lesions away is penalized, one that draws them a few pixels off is not (the pixel and pyramid
     * L1 penalize that twice, once for the missing dot and once for the misplaced one, and so favour the blur).
     */
    static NDArray textureL1(Ctx ctx, NDArray x, NDArray xr, int peakPower) {
        NDArray sx = textureStats(ctx, x, peakPower).stopGradient();
        NDArray scale = sx.mean(new int[] {0}, true).add(ctx.c(1e-3f));
        return textureStats(ctx, xr, peakPower).sub(sx).abs().div(scale).mean();
    }

    /**
     * Returns position-free texture statistics [B, 12 * levels] of images [B,3,R,R]: for each band-pass level of
     * the Laplacian pyramid and each channel, the mean and the root mean square of the band's bright part and of
     * its dark part. Mean and root mean square together tell a few strong dots from a faint haze of the same
     * total, in the spirit of the pooled feature statistics of texture losses (Gatys et al.). A {@code peakPower}
     * p > 0 adds, per part and channel, the L_p norm (mean part^p)^(1/p) after the root mean square
     * ([B, 18 * levels]); for large p it approaches the band's extreme, where a few strong dots and many faint ones
     * of the same mean and root mean square differ.
     */
    static NDArray textureStats(Ctx ctx, NDArray img, int peakPower) {
        List<NDArray> stats = new ArrayList<>();
        List<NDArray> levels = pyramid(img);
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

    /** Returns mean KL(p || softmax(logitsQ)) over the batch, for constant p with log-probabilities logp. */
    static NDArray kl(NDArray p, NDArray logp, NDArray logitsQ) {
        NDArray logq = logitsQ.logSoftmax(1);
        return p.mul(logp.sub(logq)).sum(new int[] {1}).mean();
    }
}
