package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Describes the per-layer style affines: [w, C(x)] -> all style vectors, concatenated. Written as one linear map
 * (the per-layer affines stacked), with biases starting at 1 so that modulation starts as identity.
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

    /** Returns styles [B,S] for w [B,wDim] and classifier probabilities c [B,K]. */
    NDArray forward(Ctx ctx, ParamSet p, NDArray w, NDArray c) {
        return Layers.linear(ctx, w.concat(c, 1), ctx.w(p, "affine_w"), ctx.w(p, "affine_b"));
    }

    /**
     * Writes styles.onnx: inputs "w" [N,wDim] and "logits" [N,K] (the classifier's raw output; the graph applies
     * the softmax the networks were trained with), output "styles" [N,S].
     */
    byte[] export(ParamSet p) {
        OnnxBuilder ob = new OnnxBuilder("styles");
        String w = ob.input("w", -1, cfg.wDim());
        String logits = ob.input("logits", -1, classes);
        String c = ob.op("Softmax", new String[] {logits}, OnnxBuilder.attrInt("axis", 1));
        ob.output("styles", ob.linear(p, ob.concat(1, w, c), "affine_w", "affine_b"), -1, size);
        return ob.model("stylex-audit styles");
    }
}
