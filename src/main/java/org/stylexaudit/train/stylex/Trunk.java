package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes the convolutional trunk shared by the encoder and the discriminator: a 1x1 fromRGB, two 3x3 convolutions
 * and a 2x2 average pool per resolution down to 4x4, a last 3x3 convolution, flattened.
 * Strides and transposed convolutions are avoided so that the input gradient (for R1) is itself made of
 * convolutions and repeats, which PyTorch can differentiate again.
 */
final class Trunk {

    private final StylexConfig cfg;

    Trunk(StylexConfig cfg) {
        this.cfg = cfg;
    }

    /** Returns the size of the flattened output. */
    long features() {
        return cfg.channels(4) * 16L;
    }

    void init(ParamSet p, long seed) {
        int r = cfg.resolution();
        conv(p, "rgb", 3, cfg.channels(r), 1, seed);
        for (int res = r; res > 4; res /= 2) {
            conv(p, "b" + res + "_c0", cfg.channels(res), cfg.channels(res), 3, seed);
            conv(p, "b" + res + "_c1", cfg.channels(res), cfg.channels(res / 2), 3, seed);
        }
        conv(p, "b4_c", cfg.channels(4), cfg.channels(4), 3, seed);
    }

    private static void conv(ParamSet p, String name, int in, int out, int k, long seed) {
        p.normal(name + "_w", new Shape(out, in, k, k), (float) (1.0 / Math.sqrt((double) in * k * k)), seed);
        p.constant(name + "_b", new Shape(out), 0f);
    }

    /** Runs the trunk on images in [-1,1]; when {@code tape} is given it records each pre-activation. */
    NDArray forward(Ctx ctx, ParamSet p, NDArray x, List<NDArray> tape) {
        return forward(ctx, p, x, tape, 0, null);
    }

    /**
     * Runs the trunk as {@link #forward(Ctx, ParamSet, NDArray, List)} and puts into {@code tap[0]} the feature map
     * entering the block at resolution {@code tapRes} (for the encoder's spatial code).
     */
    NDArray forward(Ctx ctx, ParamSet p, NDArray x, List<NDArray> tape, int tapRes, NDArray[] tap) {
        NDArray h = layer(ctx, p, "rgb", x, tape);
        for (int res = cfg.resolution(); res > 4; res /= 2) {
            h = layer(ctx, p, "b" + res + "_c0", h, tape);
            h = layer(ctx, p, "b" + res + "_c1", h, tape);
            h = Layers.downsample(h);
            if (tap != null && res / 2 == tapRes) {
                tap[0] = h;
            }
        }
        h = layer(ctx, p, "b4_c", h, tape);
        return h.reshape(h.getShape().get(0), features());
    }

    private static NDArray layer(Ctx ctx, ParamSet p, String name, NDArray x, List<NDArray> tape) {
        NDArray pre = Layers.conv(ctx, x, ctx.w(p, name + "_w"), ctx.w(p, name + "_b"));
        if (tape != null) {
            tape.add(pre);
        }
        return Layers.act(ctx, pre);
    }

    /**
     * Propagates {@code gFlat} (d out / d features) back to the input image, written with ordinary operations
     * so the result stays differentiable with respect to the weights (the explicit R1 of DJL-NOTES trap 2).
     */
    NDArray inputGradient(Ctx ctx, ParamSet p, List<NDArray> tape, NDArray gFlat) {
        List<NDArray> pre = new ArrayList<>(tape);
        int i = pre.size() - 1;
        long b = gFlat.getShape().get(0);
        NDArray g = gFlat.reshape(b, cfg.channels(4), 4, 4);
        g = back(ctx, p, "b4_c", pre.get(i--), g);
        for (int res = 8; res <= cfg.resolution(); res *= 2) {
            g = Layers.upsample(g).mul(ctx.c(0.25f));
            g = back(ctx, p, "b" + res + "_c1", pre.get(i--), g);
            g = back(ctx, p, "b" + res + "_c0", pre.get(i--), g);
        }
        return back(ctx, p, "rgb", pre.get(i), g);
    }

    private static NDArray back(Ctx ctx, ParamSet p, String name, NDArray pre, NDArray g) {
        NDArray gp = g.mul(Layers.actGrad(ctx, pre));
        // The input gradient of a stride-1 "same" convolution is a convolution with the kernel flipped and its
        // in/out channels swapped.
        NDArray wt = ctx.w(p, name + "_w").transpose(1, 0, 2, 3).flip(2, 3);
        return Layers.conv(ctx, gp, wt, null);
    }

    /** Writes the trunk; {@code flatOut[0]} gets the flattened output, {@code flatOut[1]} the map at {@code tapRes}. */
    void export(OnnxBuilder ob, ParamSet p, String x, String[] flatOut, int tapRes) {
        String h = layerOnnx(ob, p, "rgb", x, 1);
        for (int res = cfg.resolution(); res > 4; res /= 2) {
            h = layerOnnx(ob, p, "b" + res + "_c0", h, 3);
            h = layerOnnx(ob, p, "b" + res + "_c1", h, 3);
            h = ob.downsample(h);
            if (res / 2 == tapRes && flatOut.length > 1) {
                flatOut[1] = h;
            }
        }
        h = layerOnnx(ob, p, "b4_c", h, 3);
        flatOut[0] = ob.reshape(h, -1, features());
    }

    private static String layerOnnx(OnnxBuilder ob, ParamSet p, String name, String x, long k) {
        return ob.act(ob.conv(x, ob.param(p, name + "_w"), ob.param(p, name + "_b"), k));
    }
}
