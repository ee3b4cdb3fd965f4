package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LayersTest {

    @BeforeAll
    static void oneThread() {
        TestFixtures.singleThread();
    }

    @Test
    void upsampleLinear_interpolatesWithHalfPixelCentresAndClampedEdges() {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            Ctx ctx = s.ctx;
            NDManager sm = s.step;
            float[] in = {1, 2, 5, 3, 4, 0, 7, 7, 9};
            float[] got = Layers.upsampleLinear(ctx, sm.create(in, new Shape(1, 1, 3, 3))).toFloatArray();
            // Separable: each output row/column i sits at input coordinate (i + 0.5) / 2 - 0.5, clamped to [0, 2].
            float[] want = new float[36];
            for (int oy = 0; oy < 6; oy++) {
                for (int ox = 0; ox < 6; ox++) {
                    want[oy * 6 + ox] = (float) lerp2(in, 3, coord(oy, 3), coord(ox, 3));
                }
            }
            assertArrayEquals(want, got, 1e-6f);
        }
    }

    private static double coord(int o, int n) {
        return Math.min(Math.max((o + 0.5) / 2 - 0.5, 0), n - 1);
    }

    private static double lerp2(float[] a, int n, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        int y1 = Math.min(y0 + 1, n - 1);
        int x1 = Math.min(x0 + 1, n - 1);
        double fy = y - y0;
        double fx = x - x0;
        double top = a[y0 * n + x0] * (1 - fx) + a[y0 * n + x1] * fx;
        double bottom = a[y1 * n + x0] * (1 - fx) + a[y1 * n + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }
}
