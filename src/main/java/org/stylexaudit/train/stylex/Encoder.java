package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Describes the encoder E: image in [-1,1] -> w, a convolutional trunk and one linear layer. */
final class Encoder {

    private final StylexConfig cfg;
    private final Trunk trunk;

    Encoder(StylexConfig cfg) {
        this.cfg = cfg;
        this.trunk = new Trunk(cfg);
    }

    ParamSet init(NDManager parent, long seed) {
        ParamSet p = new ParamSet("encoder", parent);
        trunk.init(p, seed);
        p.normal("fc_w", new Shape(cfg.wDim(), trunk.features()), (float) (1.0 / Math.sqrt(trunk.features())), seed);
        p.constant("fc_b", new Shape(cfg.wDim()), 0f);
        return p;
    }

    NDArray forward(Ctx ctx, ParamSet p, NDArray x) {
        NDArray f = trunk.forward(ctx, p, x, null);
        return Layers.linear(ctx, f, ctx.w(p, "fc_w"), ctx.w(p, "fc_b"));
    }

    /**
     * Writes encoder.onnx: input "image" [N,3,R,R] in the classifier's value range ([0,1] for "unit", else
     * [-1,1]), output "w" [N,wDim], standardized with {@code norm}'s fitted statistics unless it is null.
     */
    byte[] export(ParamSet p, WStandardizer norm) {
        OnnxBuilder ob = new OnnxBuilder("encoder");
        int r = cfg.resolution();
        String x = ob.input("image", -1, 3, r, r);
        String signed = "unit".equals(cfg.classifierInput()) ? ob.sub(ob.mul(x, ob.scalar(2f)), ob.scalar(1f)) : x;
        String[] flat = new String[1];
        trunk.export(ob, p, signed, flat);
        String w = ob.linear(p, flat[0], "fc_w", "fc_b");
        ob.output("w", norm == null ? w : norm.export(ob, w), -1, cfg.wDim());
        return ob.model("stylex-audit encoder");
    }
}
