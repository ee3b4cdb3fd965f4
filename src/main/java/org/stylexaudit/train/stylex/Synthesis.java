package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Describes the StyleGAN2 synthesis network G(s): a learned 4x4 constant, two modulated 3x3 convolutions per
 * resolution (one at 4x4) after nearest upsampling, and skip toRGB outputs summed across resolutions (the running
 * image doubled bilinearly, or by repetition in older configurations: {@link StylexConfig#skipUpsample()}).
 * With {@link StylexConfig#noiseMaps()} "fixed" each convolution also adds one frozen N(0,1) map, drawn once from
 * the seed, times a learned strength per channel: StyleGAN2's noise inputs without the per-image draw, so an image
 * is still a function of its style vector alone (AttFind edits it) while the finer layers get positions to draw
 * small structures at. With {@link StylexConfig#spatialCode()} the style vector ends with the encoder's spatial
 * code (a layer of kind "code"), which is added, times a learned per-channel weight, to the convolutions at the
 * code's resolution and the next (doubled bilinearly there): positions that follow the encoded image.
 */
final class Synthesis {

    private final StylexConfig cfg;
    private final List<StyleLayer> layout = new ArrayList<>();
    private final int styleSize;
    /** Coordinates the style affines produce: all but the spatial code at the end. */
    private final int affineSize;
    private final Map<String, float[]> noiseMaps = new HashMap<>();

    Synthesis(StylexConfig cfg) {
        this.cfg = cfg;
        int off = 0;
        off = add("b4_conv", "conv", 4, cfg.channels(4), off);
        off = add("b4_rgb", "torgb", 4, cfg.channels(4), off);
        for (int res = 8; res <= cfg.resolution(); res *= 2) {
            off = add("b" + res + "_conv0", "conv", res, cfg.channels(res / 2), off);
            off = add("b" + res + "_conv1", "conv", res, cfg.channels(res), off);
            off = add("b" + res + "_rgb", "torgb", res, cfg.channels(res), off);
        }
        affineSize = off;
        if (cfg.spatialCode() > 0) {
            off = add("code", "code", cfg.codeResolution(), cfg.codeSize(), off);
        }
        styleSize = off;
        if ("fixed".equals(cfg.noiseMaps())) {
            for (StyleLayer l : layout) {
                if ("conv".equals(l.kind())) {
                    noiseMaps.put(l.name(), noiseMap(cfg.seed(), l.name(), l.resolution()));
                }
            }
        }
    }

    /** Draws a layer's frozen noise map from the seed and the layer name alone (same draw in training and export). */
    private static float[] noiseMap(long seed, String layer, int res) {
        return StylexTrainer.gaussian(new SplittableRandom(seed ^ ("noise/" + layer).hashCode() * 0x9E3779B97F4A7C15L),
                res * res);
    }

    private int add(String name, String kind, int res, int size, int off) {
        layout.add(new StyleLayer(name, kind, res, off, size));
        return off + size;
    }

    List<StyleLayer> layout() {
        return List.copyOf(layout);
    }

    int styleSize() {
        return styleSize;
    }

    int affineSize() {
        return affineSize;
    }

    /** Returns whether convolution layer {@code l} receives the spatial code. */
    private boolean takesCode(StyleLayer l) {
        return cfg.spatialCode() > 0 && "conv".equals(l.kind())
                && (l.resolution() == cfg.codeResolution() || l.resolution() == 2 * cfg.codeResolution());
    }

    ParamSet init(NDManager parent, long seed) {
        ParamSet p = new ParamSet("synthesis", parent);
        p.normal("const", new Shape(1, cfg.channels(4), 4, 4), 1f, seed);
        for (StyleLayer l : layout) {
            if ("code".equals(l.kind())) {
                continue;
            }
            int out = "torgb".equals(l.kind()) ? 3 : cfg.channels(l.resolution());
            int k = "torgb".equals(l.kind()) ? 1 : 3;
            p.normal(l.name() + "_w", new Shape(out, l.size(), k, k), (float) (1.0 / Math.sqrt(l.size() * k * k)),
                    seed);
            p.constant(l.name() + "_b", new Shape(out), 0f);
            if (noiseMaps.containsKey(l.name())) {
                // Zero strengths: a network starts (or a warm start continues) exactly as without noise inputs.
                p.constant(l.name() + "_noise", new Shape(out), 0f);
            }
            if (takesCode(l)) {
                // Zero weights too: a warm start that switches the code on draws the same images at first.
                p.constant(l.name() + "_code", new Shape(out, cfg.spatialCode(), 1, 1), 0f);
            }
        }
        return p;
    }

    /** Returns images [B,3,R,R] (about [-1,1]) for styles [B,S]. */
    NDArray forward(Ctx ctx, ParamSet p, NDArray styles) {
        long b = styles.getShape().get(0);
        NDArray x = ctx.w(p, "const").repeat(0, b);
        NDArray rgb = null;
        NDArray[] code = codeMaps(ctx, styles, b);
        for (StyleLayer l : layout) {
            if ("code".equals(l.kind())) {
                continue;
            }
            NDArray s = styles.get(new NDIndex(":, {}:{}", l.offset(), l.offset() + l.size()));
            if ("torgb".equals(l.kind())) {
                NDArray y = Layers.modConv(ctx, x, s, ctx.w(p, l.name() + "_w"), ctx.w(p, l.name() + "_b"), false);
                rgb = rgb == null ? y : upsampleSkip(ctx, rgb).add(y);
            } else {
                if (l.name().endsWith("_conv0")) {
                    x = Layers.upsample(x);
                }
                NDArray y = Layers.modConv(ctx, x, s, ctx.w(p, l.name() + "_w"), ctx.w(p, l.name() + "_b"), true);
                float[] noise = noiseMaps.get(l.name());
                if (noise != null) {
                    int r = l.resolution();
                    NDArray map = ctx.own(ctx.manager().create(noise, new Shape(1, 1, r, r)));
                    y = y.add(ctx.w(p, l.name() + "_noise").reshape(1, -1, 1, 1).mul(map));
                }
                if (takesCode(l)) {
                    NDArray map = code[l.resolution() == cfg.codeResolution() ? 0 : 1];
                    y = y.add(Layers.conv(ctx, map, ctx.w(p, l.name() + "_code"), null));
                }
                x = Layers.act(ctx, y);
            }
        }
        return rgb;
    }

    /** Returns the spatial code at its resolution and doubled, or nulls when the code is off. */
    private NDArray[] codeMaps(Ctx ctx, NDArray styles, long b) {
        if (cfg.spatialCode() == 0) {
            return new NDArray[2];
        }
        int cr = cfg.codeResolution();
        NDArray map = styles.get(new NDIndex(":, {}:{}", affineSize, styleSize)).reshape(b, cfg.spatialCode(), cr, cr);
        return new NDArray[] {map, Layers.upsampleLinear(ctx, map)};
    }

    private NDArray upsampleSkip(Ctx ctx, NDArray rgb) {
        return "bilinear".equals(cfg.skipUpsample()) ? Layers.upsampleLinear(ctx, rgb) : Layers.upsample(rgb);
    }

    /**
     * Writes synthesis.onnx: input "styles" [N,S], output "image" [N,3,R,R] in the classifier's value range
     * (not clipped).
     */
    byte[] export(ParamSet p) {
        OnnxBuilder ob = new OnnxBuilder("synthesis");
        String styles = ob.input("styles", -1, styleSize);
        // Broadcast the constant to the batch: const [1,C,4,4] + zeros [N,C,1,1] made from the styles' shape.
        String zeros = ob.mul(ob.unsqueeze(ob.unsqueeze(ob.slice(styles, 1, 0, cfg.channels(4)), 2), 3),
                ob.scalar(0f));
        String x = ob.add(zeros, ob.param(p, "const"));
        String rgb = null;
        String[] code = new String[2];
        if (cfg.spatialCode() > 0) {
            int cr = cfg.codeResolution();
            code[0] = ob.reshape(ob.slice(styles, 1, affineSize, styleSize), -1, cfg.spatialCode(), cr, cr);
            code[1] = ob.upsampleLinear(code[0]);
        }
        for (StyleLayer l : layout) {
            if ("code".equals(l.kind())) {
                continue;
            }
            String s = ob.slice(styles, 1, l.offset(), l.offset() + l.size());
            if ("torgb".equals(l.kind())) {
                String y = modConv(ob, p, l, x, s, 1, false);
                rgb = rgb == null ? y
                        : ob.add("bilinear".equals(cfg.skipUpsample()) ? ob.upsampleLinear(rgb) : ob.upsample(rgb), y);
            } else {
                if (l.name().endsWith("_conv0")) {
                    x = ob.upsample(x);
                }
                String y = modConv(ob, p, l, x, s, 3, true);
                float[] noise = noiseMaps.get(l.name());
                if (noise != null) {
                    int r = l.resolution();
                    String map = ob.init(p.net() + "/" + l.name() + "_noisemap", noise, 1, 1, r, r);
                    y = ob.add(y, ob.mul(ob.unsqueeze(ob.param(p, l.name() + "_noise"), 0, 2, 3), map));
                }
                if (takesCode(l)) {
                    y = ob.add(y, ob.conv(code[l.resolution() == cfg.codeResolution() ? 0 : 1],
                            ob.param(p, l.name() + "_code"), null, 1));
                }
                x = ob.act(y);
            }
        }
        String out = "unit".equals(cfg.classifierInput()) ? ob.mul(ob.add(rgb, ob.scalar(1f)), ob.scalar(0.5f)) : rgb;
        int r = cfg.resolution();
        ob.output("image", out, -1, 3, r, r);
        return ob.model("stylex-audit synthesis");
    }

    private static String modConv(OnnxBuilder ob, ParamSet p, StyleLayer l, String x, String s, long k,
            boolean demod) {
        String w = ob.param(p, l.name() + "_w");
        String xs = ob.mul(x, ob.unsqueeze(s, 2, 3));
        String y = ob.conv(xs, w, null, k);
        if (demod) {
            // 1/sqrt(s^2 . sum_k w^2 + eps): the per-sample demodulation of StyleGAN2 as one MatMul.
            NDArrayHolder wsq = NDArrayHolder.squareSum(p, l.name() + "_w");
            String wsqT = ob.init(p.net() + "/" + l.name() + "_wsqT", wsq.values, wsq.rows, wsq.cols);
            String d = ob.op("Reciprocal", new String[] {ob.op("Sqrt", new String[] {
                    ob.add(ob.matMul(ob.mul(s, s), wsqT), ob.scalar(Layers.DEMOD_EPS))})});
            y = ob.mul(y, ob.unsqueeze(d, 2, 3));
        }
        return ob.add(y, ob.unsqueeze(ob.param(p, l.name() + "_b"), 0, 2, 3));
    }

    /** Holds {@code sum_{kh,kw} (gain*w)^2} transposed to [I,O], computed on the Java side for export. */
    private record NDArrayHolder(float[] values, long rows, long cols) {
        static NDArrayHolder squareSum(ParamSet p, String name) {
            NDArray w = p.get(name);
            long o = w.getShape().get(0);
            long i = w.getShape().get(1);
            long kk = w.getShape().get(2) * w.getShape().get(3);
            float[] v = w.toFloatArray();
            double g = p.gain(name);
            float[] out = new float[Math.toIntExact(i * o)];
            for (long a = 0; a < o; a++) {
                for (long b = 0; b < i; b++) {
                    double s = 0;
                    for (long c = 0; c < kk; c++) {
                        double x = v[(int) ((a * i + b) * kk + c)] * g;
                        s += x * x;
                    }
                    out[(int) (b * o + a)] = (float) s;
                }
            }
            return new NDArrayHolder(out, i, o);
        }
    }
}
