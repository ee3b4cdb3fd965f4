package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Describes the mapping network z -> w: normalise z to unit RMS, then fully connected layers with leaky ReLU. */
final class Mapping {

    private final StylexConfig cfg;

    Mapping(StylexConfig cfg) {
        this.cfg = cfg;
    }

    ParamSet init(NDManager parent, long seed) {
        ParamSet p = new ParamSet("mapping", parent);
        int in = cfg.zDim();
        for (int i = 0; i < cfg.mappingLayers(); i++) {
            p.normal("fc" + i + "_w", new Shape(cfg.wDim(), in), (float) (1.0 / Math.sqrt(in)), seed);
            p.constant("fc" + i + "_b", new Shape(cfg.wDim()), 0f);
            in = cfg.wDim();
        }
        return p;
    }

    NDArray forward(Ctx ctx, ParamSet p, NDArray z) {
        NDArray rms = z.square().mean(new int[] {1}, true).add(ctx.c(1e-8f)).sqrt();
        NDArray x = z.div(rms);
        for (int i = 0; i < cfg.mappingLayers(); i++) {
            x = Layers.linear(ctx, x, ctx.w(p, "fc" + i + "_w"), ctx.w(p, "fc" + i + "_b"));
            x = i + 1 < cfg.mappingLayers() ? Layers.act(ctx, x) : x;
        }
        return x;
    }

    /**
     * Writes mapping.onnx: input "z" [N,zDim] (standard normal), output "w" [N,latentSize]: w followed by a zero
     * spatial code when the bundle has one (sampled images have no original to follow), so that the output feeds
     * styles.onnx as the encoder's does.
     */
    byte[] export(ParamSet p) {
        OnnxBuilder ob = new OnnxBuilder("mapping");
        String z = ob.input("z", -1, cfg.zDim());
        String ms = ob.op("ReduceMean", new String[] {ob.mul(z, z)}, OnnxBuilder.attr("axes", 1),
                OnnxBuilder.attrInt("keepdims", 1));
        String x = ob.div(z, ob.op("Sqrt", new String[] {ob.add(ms, ob.scalar(1e-8f))}));
        for (int i = 0; i < cfg.mappingLayers(); i++) {
            x = ob.linear(p, x, "fc" + i + "_w", "fc" + i + "_b");
            x = i + 1 < cfg.mappingLayers() ? ob.act(x) : x;
        }
        if (cfg.codeSize() > 0) {
            // [N,1] zeros from z's batch times a row of ones: a zero code whatever N is.
            String zeros = ob.mul(ob.slice(z, 1, 0, 1), ob.scalar(0f));
            x = ob.concat(1, x, ob.matMul(zeros, ob.init("mapping/code_ones", ones(cfg.codeSize()), 1,
                    cfg.codeSize())));
        }
        ob.output("w", x, -1, cfg.latentSize());
        return ob.model("stylex-audit mapping");
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return v;
    }
}
