package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DiscriminatorTest {

    @BeforeAll
    static void oneThread() {
        TestFixtures.singleThread();
    }

    @Test
    void r1_explicitInputGradient_matchesAutograd() {
        StylexConfig cfg = StylexConfig.tiny();
        Discriminator d = new Discriminator(cfg, 3);
        try (NDManager root = NDManager.newBaseManager("PyTorch");
             Ctx.Constants consts = Ctx.constants(root);
             ParamSet p = d.init(root, 11)) {
            // Move the biases away from zero so that every leaky-ReLU mask has both signs.
            for (NDArray v : p.values().values()) {
                v.set(StylexTrainer.gaussian(new SplittableRandom(v.getName().hashCode()), (int) v.size()));
            }
            NDManager sm = root.newSubManager();
            Ctx ctx = consts.on(sm);
            int b = 3;
            int r = cfg.resolution();
            NDArray x = sm.create(StylexTrainer.gaussian(new SplittableRandom(5), b * 3 * r * r),
                    new Shape(b, 3, r, r));
            NDArray c = sm.create(new float[] {0.2f, 0.3f, 0.5f, 0.9f, 0.05f, 0.05f, 0f, 1f, 0f}, new Shape(b, 3));
            float explicit = d.r1(ctx, p, x, c).getFloat();
            x.setRequiresGradient(true);
            float autograd;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(d.forward(ctx, p, x, c).sum());
            }
            NDArray g = x.getGradient();
            autograd = g.square().sum().getFloat() / b;
            g.close();
            assertTrue(explicit > 0);
            assertEquals(autograd, explicit, 1e-4 * autograd, "mean |dD/dx|^2");
            sm.close();
        }
    }
}
