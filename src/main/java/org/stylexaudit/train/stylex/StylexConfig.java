package org.stylexaudit.train.stylex;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Holds every hyper-parameter of a StylEx training run, with documented defaults and a seed.
 *
 * <p>The record is written verbatim into checkpoints and into {@code bundle.json}; a resumed run must use the same
 * values (only {@code steps} may grow). Learning rates are per network because public StylEx reproductions found a
 * shared rate of 2e-3 collapses the encoder (it reconstructs nearly the same image for every input).
 *
 * <pre>{@code
 * StylexConfig cfg = StylexConfig.defaults().withResolution(64).withSteps(20_000).withBatch(16);
 * }</pre>
 *
 * @param seed master seed; every random draw (weights, data order, noise) is derived from it and the step number
 * @param resolution image side in pixels, a power of two from 8 to 128 (64 on 2-core machines)
 * @param batch images per step, for the encoder batches and the noise batches alike
 * @param steps total training steps (one discriminator step plus one generator/encoder step each)
 * @param wDim size of the latent w (encoder output, mapping output)
 * @param zDim size of the noise z fed to the mapping network
 * @param mappingLayers fully connected layers in the mapping network z -> w
 * @param channelBase channels at resolution r are {@code min(channelMax, channelBase / r)}
 * @param channelMax upper bound on channels per layer
 * @param lrSynthesis Adam learning rate of the synthesis network
 * @param lrStyles Adam learning rate of the per-layer style affines
 * @param lrEncoder Adam learning rate of the encoder (1e-3; 2e-4 until 2026-11-27: with the plain L1 w
 *        reconstruction a higher rate shrank the encoder's outputs further, with the relative one it did not)
 * @param lrMapping Adam learning rate of the mapping network (StyleGAN uses 1/100 of the synthesis rate)
 * @param lrDiscriminator Adam learning rate of the discriminator
 * @param beta1 Adam first-moment decay (0 as in StyleGAN2)
 * @param beta2 Adam second-moment decay
 * @param adamEps Adam epsilon
 * @param warmupSteps steps trained on reconstruction and classifier losses only (no adversary), so the encoder
 *        learns image-specific codes before the adversarial game starts
 * @param advWeight weight of the non-saturating adversarial loss in the generator/encoder step
 * @param recL1Weight weight of the pixel L1 between x and G(E(x))
 * @param recPyramidWeight weight of the perceptual term: L1 between Laplacian pyramids (3 band-pass levels) of x and
 *        G(E(x)); no pretrained VGG is available here, and band-pass L1 rewards the small lesions a pixel L1 blurs
 * @param wRecWeight weight of L1(E(G(w)), w) on both batch kinds
 * @param klWeight weight of KL(C(x) || C(G(E(x)))) through the frozen classifier
 * @param r1Gamma R1 penalty weight on real images (the penalty is gamma/2 * E|grad D|^2)
 * @param r1Interval lazy R1: the penalty is applied every this many steps, scaled by the interval
 * @param noiseEvery every this-many-th step is a noise batch (z -> mapping -> G); the others are encoder batches
 * @param emaHalfLifeImages half-life, in images, of the exponential moving average of E, styles, synthesis, mapping
 * @param checkpointMinutes minutes between atomic checkpoints
 * @param logEvery steps between loss records in the training log and loss curves
 * @param evalEvery steps between held-out reconstruction PSNR measurements (on the EMA networks)
 * @param evalImages held-out images used for the periodic PSNR measurement
 * @param heldOutFraction share of the images held out when the data has no split column
 * @param fidelityImages maximum held-out images used for the fidelity record (read at export only, so a resume
 *        may change it; 256 images leave a probe correlation near 0.6 uncertain by about +-0.04, 1 024 by +-0.02)
 * @param classifierInput value range the classifier expects: "unit" ([0,1]) or "signed" ([-1,1]); the networks
 *        themselves work in [-1,1]; the exported encoder and synthesis graphs take and give images in the
 *        classifier's range, so one value range holds for the whole bundle
 * @param skipUpsample how the synthesis network doubles its skip (toRGB) image between resolutions: "bilinear"
 *        (default; low-pass, as StyleGAN2 filters it) or "nearest" (repeats pixels, leaving a grid of 8-px blocks
 *        in the output until the finer layers learn to cancel it; checkpoints written before the setting existed
 *        read as "nearest")
 * @param wRecLoss form of the w reconstruction loss: "relative" (default: the L1 error divided by the batch's mean
 *        absolute deviation of w, so that shrinking all of w does not lower it) or "l1" (plain L1, which an encoder
 *        can lower by making its outputs smaller and alike; checkpoints written before the setting existed read
 *        as "l1")
 * @param wNorm how the encoder's output is scaled before the style affines: "batch" (default: standardized per
 *        dimension, batch statistics while training, statistics measured on training images for the moving
 *        average and the export, see {@link WStandardizer}) or
 *        "none" (raw, as before 2026-11-27: the encoder's spread shrank to a hundredth of the mapping's;
 *        checkpoints written before the setting existed read as "none")
 * @param textureWeight weight of the texture term on encoder batches: relative L1 between position-free statistics
 *        of the band-pass pyramid's bright and dark parts of x and G(E(x)) ({@link Losses#textureL1}); it rewards
 *        drawing as many small lesions as the original has where the pixel and pyramid L1 reward blurring them
 *        away (0 switches it off; checkpoints written before the setting existed read as 0)
 * @param noiseMaps spatial input of the synthesis convolutions: "none" (an image is drawn from the learned 4x4
 *        constant and the styles alone) or "fixed" (StyleGAN2's noise inputs, frozen: one N(0,1) map per
 *        convolution, drawn once from the seed and baked into the exported graph, added with a learned strength
 *        per channel; it gives the generator positions at which to draw small lesions whose number a style can
 *        set, so an image is still a function of its styles alone). Warm starts may switch it on: the strengths
 *        start at zero. Checkpoints written before the setting existed read as "none".
 * @param texturePeakPower 0 (off; checkpoints written before the setting existed read as 0) or the power p >= 3 of
 *        a third texture statistic, the L_p norm of each band's bright and dark part ((mean |part|^p)^(1/p), near the
 *        band's extreme for large p): mean and root mean square can be met by many faint dots, this one only by
 *        dots as contrasted as the original's, which is what a lesion probe with a contrast threshold counts
 * @param tailWeight weight of the tail term on encoder batches (0 switches it off; checkpoints written before the
 *        setting existed read as 0): the relative L1 between the sorted extreme values of each band of x and of
 *        G(E(x)) inside the field of view ({@link Losses#tailL1}), a one-dimensional Wasserstein distance between
 *        the tails of their value distributions; it asks for as many pixels as dark (or bright) as the original's
 *        darkest, wherever they are, which mean, root mean square and L_p norm let many faint dots meet
 * @param tailTiles side of the grid of tiles the tail term compares separately (1, the whole field, by default;
 *        checkpoints written before the setting existed read as 1): with 4 the field splits into 4x4 tiles, so that
 *        the optic disc fills the bright tail of its own tile only and the exudates elsewhere get theirs
 * @param tailOpponent weight of the green-minus-blue band in the tail term (0, off, by default and in checkpoints
 *        written before the setting existed): the tails of G - B are compared too, so that a bright dot must be as
 *        yellow as the original's exudates, not just as bright in each channel
 * @param spatialCode channels of the encoder's spatial code (0, off, by default and in checkpoints written before
 *        the setting existed): the encoder also writes a K-channel map at half the resolution, carried at the end
 *        of the style vector as a layer of kind "code" that AttFind does not search, and added (times a learned
 *        weight per channel, starting at zero) to the output of the synthesis convolutions at that resolution and
 *        the next; it tells the finer layers where the original's small lesions are, which a style vector (one
 *        number per channel for the whole image) cannot. Noise-sampled images get a zero code. Warm starts may
 *        switch it on: the weights start at zero, so the images do not change until training moves them.
 *        One channel gave an intermittent NaN in the tiny test configuration (2 of 5 runs; not yet explained, two
 *        channels 0 of 4), so use two or more.
 */
public record StylexConfig(
        long seed,
        int resolution,
        int batch,
        long steps,
        int wDim,
        int zDim,
        int mappingLayers,
        int channelBase,
        int channelMax,
        float lrSynthesis,
        float lrStyles,
        float lrEncoder,
        float lrMapping,
        float lrDiscriminator,
        float beta1,
        float beta2,
        float adamEps,
        long warmupSteps,
        float advWeight,
        float recL1Weight,
        float recPyramidWeight,
        float wRecWeight,
        float klWeight,
        float r1Gamma,
        int r1Interval,
        int noiseEvery,
        double emaHalfLifeImages,
        double checkpointMinutes,
        int logEvery,
        int evalEvery,
        int evalImages,
        double heldOutFraction,
        int fidelityImages,
        String classifierInput,
        String skipUpsample,
        String wRecLoss,
        String wNorm,
        float textureWeight,
        String noiseMaps,
        int texturePeakPower,
        float tailWeight,
        int tailTiles,
        float tailOpponent,
        int spatialCode) {

    /** Checks ranges so that a bad value fails before any native memory is allocated. */
    public StylexConfig {
        if (resolution < 8 || resolution > 128 || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException("resolution must be a power of two from 8 to 128, got " + resolution);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative, got " + steps);
        }
        if (r1Interval < 1 || noiseEvery < 1 || logEvery < 1 || evalEvery < 1) {
            throw new IllegalArgumentException("intervals must be at least 1");
        }
        if (!"unit".equals(classifierInput) && !"signed".equals(classifierInput)) {
            throw new IllegalArgumentException("classifierInput must be \"unit\" or \"signed\", got " + classifierInput);
        }
        if (skipUpsample == null) {
            skipUpsample = "nearest";
        }
        if (!"bilinear".equals(skipUpsample) && !"nearest".equals(skipUpsample)) {
            throw new IllegalArgumentException("skipUpsample must be \"bilinear\" or \"nearest\", got "
                    + skipUpsample);
        }
        if (wRecLoss == null) {
            wRecLoss = "l1";
        }
        if (!"relative".equals(wRecLoss) && !"l1".equals(wRecLoss)) {
            throw new IllegalArgumentException("wRecLoss must be \"relative\" or \"l1\", got " + wRecLoss);
        }
        if (wNorm == null) {
            wNorm = "none";
        }
        if (!"batch".equals(wNorm) && !"none".equals(wNorm)) {
            throw new IllegalArgumentException("wNorm must be \"batch\" or \"none\", got " + wNorm);
        }
        if ("batch".equals(wNorm) && batch < 2) {
            // One image has no spread to standardize by: every w would be zero.
            throw new IllegalArgumentException("wNorm \"batch\" needs a batch of at least 2, got " + batch);
        }
        if (noiseMaps == null) {
            noiseMaps = "none";
        }
        if (!"none".equals(noiseMaps) && !"fixed".equals(noiseMaps)) {
            throw new IllegalArgumentException("noiseMaps must be \"none\" or \"fixed\", got " + noiseMaps);
        }
        if (texturePeakPower != 0 && (texturePeakPower < 3 || texturePeakPower > 16)) {
            throw new IllegalArgumentException("texturePeakPower must be 0 (off) or from 3 to 16, got "
                    + texturePeakPower);
        }
        if (tailTiles == 0) {
            tailTiles = 1;
        }
        if (tailTiles < 1 || tailTiles > 8 || resolution % tailTiles != 0) {
            throw new IllegalArgumentException("tailTiles must be from 1 to 8 and divide the resolution, got "
                    + tailTiles);
        }
        if (!(tailWeight >= 0)) {
            throw new IllegalArgumentException("tailWeight must not be negative, got " + tailWeight);
        }
        if (!(tailOpponent >= 0)) {
            throw new IllegalArgumentException("tailOpponent must not be negative, got " + tailOpponent);
        }
        if (spatialCode < 0 || spatialCode > 8) {
            throw new IllegalArgumentException("spatialCode must be from 0 (off) to 8 channels, got " + spatialCode);
        }
        if (!(textureWeight >= 0)) {
            throw new IllegalArgumentException("textureWeight must not be negative, got " + textureWeight);
        }
        if (heldOutFraction <= 0 || heldOutFraction >= 1) {
            throw new IllegalArgumentException("heldOutFraction must be in (0,1), got " + heldOutFraction);
        }
    }

    /** Returns the defaults used for the sample bundle: 64 px, batch 16, seed 20261126, classifier in [-1,1]. */
    public static StylexConfig defaults() {
        return new StylexConfig(20261126L, 64, 16, 100_000L, 256, 256, 4, 2048, 128,
                1e-3f, 1e-3f, 1e-3f, 1e-5f, 1e-3f, 0.0f, 0.99f, 1e-8f,
                1000L, 0.1f, 1.0f, 1.0f, 0.1f, 1.0f, 0.1f, 16, 2,
                10_000.0, 5.0, 25, 100, 16, 0.1, 1024, "signed", "bilinear", "relative", "batch", 0f, "none", 0, 0f, 1, 0f,
                0);
    }

    /** Returns a configuration small enough to train a few steps in a unit test (16 px, thin networks). */
    public static StylexConfig tiny() {
        return new StylexConfig(7L, 16, 4, 6L, 16, 16, 2, 128, 16,
                2e-3f, 2e-3f, 2e-3f, 2e-3f, 2e-3f, 0.0f, 0.99f, 1e-8f,
                2L, 0.1f, 1.0f, 1.0f, 0.1f, 1.0f, 0.1f, 2, 2,
                100.0, 5.0, 1, 3, 4, 0.25, 8, "unit", "bilinear", "relative", "batch", 1f, "fixed", 8, 1f, 2, 0.5f,
                2);
    }

    /** Returns channels of the layers working at resolution {@code res}. */
    public int channels(int res) {
        return Math.max(1, Math.min(channelMax, channelBase / res));
    }

    /** Returns the side of the spatial code's map: half the resolution. */
    public int codeResolution() {
        return resolution / 2;
    }

    /** Returns the number of style-vector coordinates the spatial code takes (0 when it is off). */
    public int codeSize() {
        return spatialCode * codeResolution() * codeResolution();
    }

    /** Returns the length of the encoder's output: w followed by the flattened spatial code. */
    public int latentSize() {
        return wDim + codeSize();
    }

    /** Returns a copy with another number of steps. */
    public StylexConfig withSteps(long n) {
        return withValue("steps", n);
    }

    /** Returns a copy with another number of warm-up (reconstruction-only) steps. */
    public StylexConfig withWarmupSteps(long n) {
        return withValue("warmupSteps", n);
    }

    /** Returns a copy with another batch size. */
    public StylexConfig withBatch(int b) {
        return withValue("batch", b);
    }

    /** Returns a copy with another resolution. */
    public StylexConfig withResolution(int r) {
        return withValue("resolution", r);
    }

    /** Returns a copy with another checkpoint interval in minutes. */
    public StylexConfig withCheckpointMinutes(double minutes) {
        return withValue("checkpointMinutes", minutes);
    }

    /** Returns a copy with another master seed. */
    public StylexConfig withSeed(long s) {
        return withValue("seed", s);
    }

    /** Returns a copy with another classifier input range ("unit" or "signed"). */
    public StylexConfig withClassifierInput(String range) {
        return withValue("classifierInput", range);
    }

    /**
     * Returns a copy with the hyper-parameter named like a component of this record (e.g. {@code lrEncoder})
     * set from its text form; this is how {@code train stylex --hyper NAME=VALUE} reaches every value without a
     * command-line flag per parameter.
     *
     * @throws IllegalArgumentException for an unknown name, a value that does not parse, or one out of range
     */
    public StylexConfig with(String name, String value) {
        RecordComponent c = Arrays.stream(StylexConfig.class.getRecordComponents())
                .filter(rc -> rc.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown hyper-parameter " + name + "; known: "
                        + Arrays.stream(StylexConfig.class.getRecordComponents()).map(RecordComponent::getName)
                                .collect(Collectors.joining(", "))));
        return withValue(name, parse(c.getType(), name, value.trim()));
    }

    /** Returns a copy with component {@code name} replaced by {@code value} (boxed to the component's type). */
    private StylexConfig withValue(String name, Object value) {
        RecordComponent[] comps = StylexConfig.class.getRecordComponents();
        Object[] args = new Object[comps.length];
        try {
            for (int i = 0; i < comps.length; i++) {
                args[i] = comps[i].getName().equals(name) ? value : comps[i].getAccessor().invoke(this);
            }
            Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return StylexConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(Class<?> type, String name, String v) {
        try {
            if (type == int.class) {
                return Integer.parseInt(v);
            } else if (type == long.class) {
                return Long.parseLong(v);
            } else if (type == float.class) {
                return Float.parseFloat(v);
            } else if (type == double.class) {
                return Double.parseDouble(v);
            }
            return v;
        } catch (NumberFormatException e) {
            String kind = type == int.class || type == long.class ? "an integer" : "a number";
            throw new IllegalArgumentException(name + " needs " + kind + ", got \"" + v + "\"");
        }
    }

    /**
     * Returns true when {@code other} builds the same networks (resolution, latent sizes, depths, channels, value
     * range, w standardization), so that its weights can seed a run with other learning rates, loss weights or schedule.
     */
    public boolean sameArchitectureAs(StylexConfig other) {
        return resolution == other.resolution && wDim == other.wDim && zDim == other.zDim
                && mappingLayers == other.mappingLayers && channelBase == other.channelBase
                && channelMax == other.channelMax && classifierInput.equals(other.classifierInput)
                && wNorm.equals(other.wNorm);
    }

    /** Returns "name: old -> new" for every hyper-parameter that differs from {@code other}, comma-separated. */
    public String differencesFrom(StylexConfig other) {
        List<String> out = new ArrayList<>();
        try {
            for (RecordComponent c : StylexConfig.class.getRecordComponents()) {
                Object a = c.getAccessor().invoke(other);
                Object b = c.getAccessor().invoke(this);
                if (!a.equals(b)) {
                    out.add(c.getName() + ": " + a + " -> " + b);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /**
     * Returns true when {@code other} differs from this at most in {@code steps}, the checkpoint interval and the
     * number of fidelity images (none of which changes a weight), so a checkpoint can resume.
     */
    public boolean resumableAs(StylexConfig other) {
        return trainingOnly().equals(other.trainingOnly());
    }

    private StylexConfig trainingOnly() {
        return withSteps(0).withCheckpointMinutes(1).withValue("fidelityImages", 1);
    }
}
