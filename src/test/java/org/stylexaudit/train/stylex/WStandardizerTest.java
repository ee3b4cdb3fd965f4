package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WStandardizerTest {

    @BeforeAll
    static void oneThread() {
        TestFixtures.singleThread();
    }

    /** Six rows of three dimensions with very different offsets and spreads, like a shrunken encoder output. */
    private static float[] encoderOutputs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[18];
        float[] offset = {3f, -0.5f, 0.02f};
        float[] spread = {0.1f, 2f, 0.05f};
        for (int i = 0; i < v.length; i++) {
            v[i] = offset[i % 3] + spread[i % 3] * (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    @Test
    void batch_givesEveryDimensionZeroMeanAndUnitVarianceWhateverItsScale() {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            Ctx ctx = s.ctx;
            NDManager sm = s.step;
            WStandardizer norm = new WStandardizer(3, s.root);
            NDArray out = norm.batch(ctx, sm.create(encoderOutputs(1), new Shape(6, 3)));
            assertArrayEquals(new float[] {0, 0, 0}, out.mean(new int[] {0}).toFloatArray(), 1e-4f);
            // The epsilon keeps the narrowest dimension (variance 8e-4) a little under 1.
            assertArrayEquals(new float[] {1, 1, 1}, out.square().mean(new int[] {0}).toFloatArray(), 2e-2f);
            assertArrayEquals(new float[] {0, 0, 0}, norm.stats().get("mean").toFloatArray(), 0f,
                    "standardizing a batch leaves the running statistics alone");
        }
    }

    @Test
    void running_afterFit_standardizesLikeTheFittedBatch() {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            Ctx ctx = s.ctx;
            NDManager sm = s.step;
            WStandardizer norm = new WStandardizer(3, s.root);
            NDArray fitted = sm.create(encoderOutputs(2), new Shape(6, 3));
            norm.fit(fitted);
            assertArrayEquals(fitted.mean(new int[] {0}).toFloatArray(), norm.stats().get("mean").toFloatArray(), 1e-6f);
            assertArrayEquals(norm.batch(ctx, fitted).toFloatArray(), norm.running(ctx, fitted).toFloatArray(), 1e-5f);
            // Other outputs are standardized with the fitted statistics, not their own.
            NDArray other = sm.create(encoderOutputs(3), new Shape(6, 3));
            float[] got = norm.running(ctx, other).toFloatArray();
            float[] mean = norm.stats().get("mean").toFloatArray();
            float[] var = norm.stats().get("var").toFloatArray();
            float[] raw = other.toFloatArray();
            for (int i = 0; i < raw.length; i++) {
                assertEquals((raw[i] - mean[i % 3]) / Math.sqrt(var[i % 3] + WStandardizer.EPS), got[i], 1e-4);
            }
        }
    }
}
