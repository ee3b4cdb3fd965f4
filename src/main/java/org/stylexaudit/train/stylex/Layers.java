package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/**
 * Applies the few operations the StylEx networks are made of; each has an ONNX twin in {@link OnnxBuilder}.
 * Every expression starts from an activation (owned by the step manager), never from a weight.
 */
final class Layers {

    /** Leaky ReLU slope used everywhere (StyleGAN2). */
    static final float SLOPE = 0.2f;
    /** Gain after each leaky ReLU so activations keep unit variance. */
    static final float ACT_GAIN = (float) Math.sqrt(2.0);
    /** Epsilon inside the demodulation square root. */
    static final float DEMOD_EPS = 1e-8f;

    private Layers() {
    }

    /** Convolves with stride 1 and "same" padding, scaled weight {@code w} [O,I,k,k], optional bias [O]. */
    static NDArray conv(Ctx ctx, NDArray x, NDArray w, NDArray bias) {
        long k = w.getShape().get(2);
        Shape pad = new Shape(k / 2, k / 2);
        NDArray y = Conv2d.conv2d(x, w, null, new Shape(1, 1), pad, new Shape(1, 1), 1).singletonOrThrow();
        Shape ys = y.getShape();
        ctx.countFlops(2L * ys.get(0) * ys.get(1) * ys.get(2) * ys.get(3) * w.getShape().get(1) * k * k);
        return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
    }

    /** Applies {@code x W^T + b}. */
    static NDArray linear(Ctx ctx, NDArray x, NDArray w, NDArray bias) {
        ctx.countFlops(2L * x.getShape().get(0) * w.getShape().get(0) * w.getShape().get(1));
        return Linear.linear(x, w, bias).singletonOrThrow();
    }

    /** Applies leaky ReLU with the unit-variance gain. */
    static NDArray act(Ctx ctx, NDArray x) {
        return Activation.leakyRelu(x, SLOPE).mul(ctx.c(ACT_GAIN));
    }

    /** Returns d act(pre) / d pre, a constant mask (no gradient flows through it). */
    static NDArray actGrad(Ctx ctx, NDArray pre) {
        NDArray pos = pre.stopGradient().gt(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        return pos.mul(ctx.c((1f - SLOPE) * ACT_GAIN)).add(ctx.c(SLOPE * ACT_GAIN));
    }

    /**
     * Applies a modulated convolution: input channels scaled by the per-sample style {@code s} [B,I], convolution
     * with the shared weight, then (if {@code demod}) outputs divided by the norm of the effective per-sample weight.
     * Modulating activations instead of weights keeps one shared weight, which ONNX's Conv can run unchanged.
     */
    static NDArray modConv(Ctx ctx, NDArray x, NDArray s, NDArray w, NDArray bias, boolean demod) {
        long b = x.getShape().get(0);
        long in = w.getShape().get(1);
        long out = w.getShape().get(0);
        NDArray y = conv(ctx, x.mul(s.reshape(b, in, 1, 1)), w, null);
        if (demod) {
            NDArray wsq = w.square().sum(new int[] {2, 3}); // [O,I]
            NDArray d = s.square().matMul(wsq.transpose()).add(ctx.c(DEMOD_EPS)).sqrt(); // [B,O]
            y = y.div(d.reshape(b, out, 1, 1));
        }
        return bias == null ? y : y.add(bias.reshape(1, -1, 1, 1));
    }

    /** Doubles height and width by nearest-neighbour repetition (no transposed convolution in the engine). */
    static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    /**
     * Doubles height and width by bilinear interpolation with half-pixel centres and clamped edges (ONNX Resize
     * "linear" / "half_pixel", PyTorch's align_corners=False): {@code A x A^T} with a fixed [2n, n] matrix, so
     * it is differentiable and has an exact ONNX twin.
     */
    static NDArray upsampleLinear(Ctx ctx, NDArray x) {
        int n = Math.toIntExact(x.getShape().get(3));
        float[] a = new float[2 * n * n];
        for (int i = 0; i < n; i++) {
            // out[2i] = 0.75 x[i] + 0.25 x[i-1]; out[2i+1] = 0.75 x[i] + 0.25 x[i+1]; edges clamp.
            a[(2 * i) * n + i] += 0.75f;
            a[(2 * i) * n + Math.max(i - 1, 0)] += 0.25f;
            a[(2 * i + 1) * n + i] += 0.75f;
            a[(2 * i + 1) * n + Math.min(i + 1, n - 1)] += 0.25f;
        }
        NDArray m = ctx.manager().create(a, new Shape(2L * n, n));
        // Square inputs only (the synthesis images are): [2n,n] x [n,n] then [2n,n] x [n,2n] per image and channel.
        long nn = n;
        ctx.countFlops(2L * x.getShape().get(0) * x.getShape().get(1) * (2 * nn * nn * nn + 2 * nn * nn * 2 * nn));
        return m.matMul(x).matMul(m.transpose());
    }

    /** Halves height and width by 2x2 averaging. */
    static NDArray downsample(NDArray x) {
        return Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true);
    }
}
