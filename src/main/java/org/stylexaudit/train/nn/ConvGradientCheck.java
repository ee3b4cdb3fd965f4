package org.stylexaudit.train.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Checks that the PyTorch engine differentiates a 3x3 convolution correctly on this CPU before any training.
 *
 * <p>On AVX-512 machines (seen on an AMD EPYC) PyTorch 2.7.1's oneDNN kernels returned a wrong input gradient for
 * 3x3 convolutions, without any error: training then runs on with corrupted gradients. Capping oneDNN at AVX2
 * ({@code ONEDNN_MAX_CPU_ISA=AVX2}, read when the native library starts) gives the right one. A convolution without
 * bias is linear in its input, so {@code <dL/dx, x> = L} for {@code L = sum(conv(x) * g)}: one small convolution
 * shows whether the engine can be trusted.
 */
public final class ConvGradientCheck {

    /** The environment variable, and value, that repairs the fault. */
    public static final String REMEDY = "ONEDNN_MAX_CPU_ISA=AVX2";

    private ConvGradientCheck() {
    }

    /** Returns the relative error of the engine's input gradient on a small seeded 3x3 convolution. */
    public static double relativeError() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray w = m.create(gaussian(1, 8 * 4 * 9), new Shape(8, 4, 3, 3));
            NDArray x = m.create(gaussian(2, 2 * 4 * 8 * 8),
                    new Shape(2, 4, 8, 8));
            NDArray g = m.create(gaussian(3, 2 * 8 * 8 * 8),
                    new Shape(2, 8, 8, 8));
            x.setRequiresGradient(true);
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                        .singletonOrThrow();
                NDArray l = y.mul(g).sum();
                loss = l.getFloat();
                gc.backward(l);
            }
            double dot = x.getGradient().mul(x.stopGradient()).sum().getFloat();
            return Math.abs(dot - loss) / Math.max(1e-6, Math.abs(loss));
        }
    }

    /** Returns the one-line explanation and remedy if the engine's convolution gradient is wrong here. */
    public static Optional<String> fault() {
        double err = relativeError();
        if (err < 1e-3) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "PyTorch computes a wrong convolution gradient on this CPU "
                + "(relative error %.3f, a known oneDNN fault on AVX-512 machines); set %s in the environment "
                + "and run again", err, REMEDY));
    }

    private static float[] gaussian(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
