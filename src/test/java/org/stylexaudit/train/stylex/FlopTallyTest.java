package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FlopTallyTest {

    @BeforeAll
    static void oneThread() {
        TestFixtures.singleThread();
    }

    @Test
    void convAndLinear_countTwoFlopsPerMultiplyAdd() {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            Ctx ctx = s.ctx;
            NDManager sm = s.step;
            NDArray x = sm.ones(new Shape(2, 3, 8, 8));
            NDArray w = sm.ones(new Shape(5, 3, 3, 3));
            Layers.conv(ctx, x, w, null);
            // Each of the 2 x 5 x 8 x 8 outputs is a sum of 3 x 3 x 3 products ("same" padding keeps 8 x 8).
            assertEquals(2L * (2 * 5 * 8 * 8) * (3 * 3 * 3), s.consts.forwardFlops());
            Layers.linear(ctx, sm.ones(new Shape(4, 6)), sm.ones(new Shape(7, 6)), null);
            assertEquals(2L * (2 * 5 * 8 * 8) * 27 + 2L * 4 * 7 * 6, s.consts.forwardFlops());
        }
    }

    @Test
    void synthesisForward_countsEveryModulatedConvolution() {
        StylexConfig cfg = StylexConfig.tiny();
        Synthesis g = new Synthesis(cfg);
        try (TestFixtures.Scratch s = TestFixtures.scratch();
             ParamSet p = g.init(s.root, 3)) {
            Ctx ctx = s.ctx;
            NDManager sm = s.step;
            g.forward(ctx, p, sm.ones(new Shape(1, g.styleSize())));
            long expected = 0;
            int k0 = cfg.spatialCode();
            long cr = cfg.codeResolution();
            // The spatial code doubled bilinearly once for the layers at twice its resolution.
            expected += 2L * k0 * (2 * cr * cr * cr + 2 * cr * cr * 2 * cr);
            for (StyleLayer l : g.layout()) {
                if ("code".equals(l.kind())) {
                    continue;
                }
                if ("conv".equals(l.kind()) && (l.resolution() == cr || l.resolution() == 2 * cr)) {
                    // The code's 1x1 convolution into the layer's output.
                    expected += 2L * cfg.channels(l.resolution()) * k0 * l.resolution() * l.resolution();
                }
                boolean rgb = "torgb".equals(l.kind());
                long out = rgb ? 3 : cfg.channels(l.resolution());
                long k = rgb ? 1 : 3;
                expected += 2L * out * l.size() * k * k * l.resolution() * l.resolution();
                if (rgb && l.resolution() > 4) {
                    // The bilinear skip upsampling: two interpolation-matrix products on the 3-channel image.
                    long n = l.resolution() / 2;
                    expected += 2L * 3 * (2 * n * n * n + 2 * n * n * 2 * n);
                }
            }
            assertEquals(expected, s.consts.forwardFlops());
        }
    }
}
