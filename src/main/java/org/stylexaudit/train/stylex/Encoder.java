package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Describes the encoder E: image in [-1,1] -> w, a convolutional trunk and one linear layer; with
 * {@link StylexConfig#spatialCode()} also a 3x3 convolution of the trunk's feature map at half the resolution to
 * the spatial code's channels.
 */
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
        if (cfg.spatialCode() > 0) {
            int in = cfg.channels(cfg.codeResolution());
            p.normal("code_w", new Shape(cfg.spatialCode(), in, 3, 3), (float) (1.0 / Math.sqrt(in * 9.0)), seed);
            p.constant("code_b", new Shape(cfg.spatialCode()), 0f);
        }
        return p;
    }

    /** Returns the raw (not standardized) w and the spatial code of images in [-1,1]. */
    Latent forward(Ctx ctx, ParamSet p, NDArray x) {
        NDArray[] tap = new NDArray[1];
        NDArray f = trunk.forward(ctx, p, x, null, cfg.codeResolution(), cfg.spatialCode() > 0 ? tap : null);
        NDArray w = Layers.linear(ctx, f, ctx.w(p, "fc_w"), ctx.w(p, "fc_b"));
        if (cfg.spatialCode() == 0) {
            return new Latent(w, null);
        }
        NDArray code = Layers.conv(ctx, tap[0], ctx.w(p, "code_w"), ctx.w(p, "code_b"));
        return new Latent(w, code.reshape(x.getShape().get(0), cfg.codeSize()));
    }

    /**
     * Writes encoder.onnx: input "image" [N,3,R,R] in the classifier's value range ([0,1] for "unit", else
     * [-1,1]), output "w" [N,latentSize]: w standardized with {@code norm}'s fitted statistics unless it is null,
     * followed by the flattened spatial code when there is one.
     */
    byte[] export(ParamSet p, WStandardizer norm) {
        OnnxBuilder ob = new OnnxBuilder("encoder");
        int r = cfg.resolution();
        String x = ob.input("image", -1, 3, r, r);
        String signed = "unit".equals(cfg.classifierInput()) ? ob.sub(ob.mul(x, ob.scalar(2f)), ob.scalar(1f)) : x;
        String[] flat = new String[2];
        trunk.export(ob, p, signed, flat, cfg.codeResolution());
        String w = ob.linear(p, flat[0], "fc_w", "fc_b");
        w = norm == null ? w : norm.export(ob, w);
        if (cfg.spatialCode() > 0) {
            String code = ob.conv(flat[1], ob.param(p, "code_w"), ob.param(p, "code_b"), 3);
            w = ob.concat(1, w, ob.reshape(code, -1, cfg.codeSize()));
        }
        ob.output("w", w, -1, cfg.latentSize());
        return ob.model("stylex-audit encoder");
    }
}
