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
 * <p>On an AMD EPYC with AVX-512, PyTorch 2.7.1's oneDNN kernels returned wrong (even NaN) gradients for 3x3
 * convolutions with its AVX-512 and AVX2 code paths, without any error: training then runs on with corrupted
 * gradients. Capping oneDNN at AVX
 * ({@code ONEDNN_MAX_CPU_ISA=AVX}, read when the native library starts) gives the right one. A convolution without
 * bias is linear in its input, so {@code <dL/dx, x> = L} for {@code L = sum(conv(x) * g)}: one small convolution
 * shows whether the engine can be trusted.
 */
public final class ConvGradientCheck {

    /** The environment variable, and value, that repairs the fault. */
    public static final String REMEDY = "ONEDNN_MAX_CPU_ISA=AVX";

    private ConvGradientCheck() {
    }

    /**
     * Returns the larger relative error of the engine's input and weight gradients on small seeded 3x3 convolutions
     * (several channel counts, because the engine picks kernels by shape).
     */
    public static double relativeError() {
        double worst = 0;
        for (int[] c : new int[][] {{4, 8, 8}, {16, 16, 8}, {32, 8, 8}, {8, 8, 4}, {8, 6, 8}}) {
            worst = Math.max(worst, relativeError(c[0], c[1], c[2]));
        }
        return worst;
    }

    private static double relativeError(int in, int out, int side) {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray w = m.create(gaussian(1, out * in * 9), new Shape(out, in, 3, 3));
            NDArray x = m.create(gaussian(2, 2 * in * side * side), new Shape(2, in, side, side));
            NDArray g = m.create(gaussian(3, 2 * out * side * side), new Shape(2, out, side, side));
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1)
                        .singletonOrThrow();
                NDArray l = y.mul(g).sum();
                loss = l.getFloat();
                gc.backward(l);
            }
            // The loss is linear in x and in w separately, so each gradient dotted with its variable gives it back.
            double dx = x.getGradient().mul(x.stopGradient()).sum().getFloat();
            double dw = w.getGradient().mul(w.stopGradient()).sum().getFloat();
            double scale = Math.max(1e-6, Math.abs(loss));
            return Math.max(Math.abs(dx - loss), Math.abs(dw - loss)) / scale;
        }
    }

    /** Returns the one-line explanation and remedy if the engine's convolution gradient is wrong here. */
    public static Optional<String> fault() {
        double err = relativeError();
        if (err < 1e-3) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "PyTorch computes a wrong convolution gradient on this CPU "
                + "(relative error %.3f, a known oneDNN fault on some AVX-512 machines); set %s in the environment "
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
