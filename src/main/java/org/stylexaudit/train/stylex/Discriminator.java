package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes the conditional discriminator D([x, C(x)]): a trunk, a hidden linear layer h, and a projection head
 * {@code out = w.h + b + <embed(c), h>} (projection conditioning, Miyato and Koyama 2018) on the classifier's
 * probabilities c.
 */
final class Discriminator {

    private final StylexConfig cfg;
    private final Trunk trunk;
    private final int classes;

    Discriminator(StylexConfig cfg, int classes) {
        this.cfg = cfg;
        this.trunk = new Trunk(cfg);
        this.classes = classes;
    }

    ParamSet init(NDManager parent, long seed) {
        ParamSet p = new ParamSet("discriminator", parent);
        trunk.init(p, seed);
        int f = cfg.channels(4);
        p.normal("fc_w", new Shape(f, trunk.features()), (float) (1.0 / Math.sqrt(trunk.features())), seed);
        p.constant("fc_b", new Shape(f), 0f);
        p.normal("out_w", new Shape(1, f), (float) (1.0 / Math.sqrt(f)), seed);
        p.constant("out_b", new Shape(1), 0f);
        p.normal("embed", new Shape(classes, f), (float) (1.0 / Math.sqrt(f)), seed);
        return p;
    }

    /** Returns the logit per image [B]. */
    NDArray forward(Ctx ctx, ParamSet p, NDArray x, NDArray c) {
        return run(ctx, p, x, c, null).score;
    }

    /**
     * Returns the R1 penalty term {@code mean_b |d D(x_b) / d x_b|^2}, computed with an explicit backward pass
     * so that its gradient with respect to D's weights comes from ordinary first-order autograd.
     */
    NDArray r1(Ctx ctx, ParamSet p, NDArray x, NDArray c) {
        List<NDArray> tape = new ArrayList<>();
        Run r = run(ctx, p, x, c, tape);
        // d score / d h = out_w + embed(c), per sample.
        NDArray dh = r.proj.add(ctx.w(p, "out_w"));
        NDArray dpre = dh.mul(Layers.actGrad(ctx, r.fcPre));
        NDArray dflat = dpre.matMul(ctx.w(p, "fc_w"));
        NDArray gx = trunk.inputGradient(ctx, p, tape, dflat);
        return gx.square().sum(new int[] {1, 2, 3}).mean();
    }

    private Run run(Ctx ctx, ParamSet p, NDArray x, NDArray c, List<NDArray> tape) {
        NDArray f = trunk.forward(ctx, p, x, tape);
        NDArray pre = Layers.linear(ctx, f, ctx.w(p, "fc_w"), ctx.w(p, "fc_b"));
        NDArray h = Layers.act(ctx, pre);
        NDArray proj = c.matMul(ctx.w(p, "embed"));
        NDArray score = Layers.linear(ctx, h, ctx.w(p, "out_w"), ctx.w(p, "out_b")).reshape(-1)
                .add(h.mul(proj).sum(new int[] {1}));
        return new Run(score, pre, proj);
    }

    private record Run(NDArray score, NDArray fcPre, NDArray proj) {
    }
}
