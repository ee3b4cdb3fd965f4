package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Describes the per-layer style affines: [w, C(x)] -> all style vectors, concatenated. Written as one linear map
 * (the per-layer affines stacked), with biases starting at 1 so that modulation starts as identity. The spatial
 * code, when there is one, passes through to the end of the style vector untouched.
 */
final class Styles {

    private final StylexConfig cfg;
    private final int classes;
    private final int size;

    Styles(StylexConfig cfg, int classes, int styleSize) {
        this.cfg = cfg;
        this.classes = classes;
        this.size = styleSize;
    }

    ParamSet init(NDManager parent, long seed) {
        ParamSet p = new ParamSet("styles", parent);
        int in = cfg.wDim() + classes;
        p.normal("affine_w", new Shape(size, in), (float) (1.0 / Math.sqrt(in)), seed);
        p.constant("affine_b", new Shape(size), 1f);
        return p;
    }

    /** Returns the affine styles [B,S'] (all but the spatial code) for w [B,wDim] and probabilities c [B,K]. */
    NDArray forward(Ctx ctx, ParamSet p, NDArray w, NDArray c) {
        return Layers.linear(ctx, w.concat(c, 1), ctx.w(p, "affine_w"), ctx.w(p, "affine_b"));
    }

    /** Returns the whole style vector: the affine styles followed by the latent's spatial code, if any. */
    NDArray forward(Ctx ctx, ParamSet p, Latent latent, NDArray c) {
        NDArray s = forward(ctx, p, latent.w(), c);
        return latent.code() == null ? s : s.concat(latent.code(), 1);
    }

    /**
     * Writes styles.onnx: inputs "w" [N,latentSize] (the encoder's output) and "logits" [N,K] (the classifier's raw
     * output; the graph applies the softmax the networks were trained with), output "styles" [N,S] (ending with
     * the spatial code, copied from w, when there is one).
     */
    byte[] export(ParamSet p) {
        OnnxBuilder ob = new OnnxBuilder("styles");
        String latent = ob.input("w", -1, cfg.latentSize());
        String w = cfg.codeSize() > 0 ? ob.slice(latent, 1, 0, cfg.wDim()) : latent;
        String logits = ob.input("logits", -1, classes);
        String c = ob.op("Softmax", new String[] {logits}, OnnxBuilder.attrInt("axis", 1));
        String s = ob.linear(p, ob.concat(1, w, c), "affine_w", "affine_b");
        if (cfg.codeSize() > 0) {
            s = ob.concat(1, s, ob.slice(latent, 1, cfg.wDim(), cfg.latentSize()));
        }
        ob.output("styles", s, -1, size + cfg.codeSize());
        return ob.model("stylex-audit styles");
    }
}
