package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LossesTest {

    private static final int R = 32;

    @BeforeAll
    static void oneThread() {
        TestFixtures.singleThread();
    }

    /** Two 32-px images on a mid background, with 3x3 dark dots at (x, y) + the given shift (none when dots is false). */
    private static float[] fundusLike(boolean dots, int shift) {
        float[] v = new float[2 * 3 * R * R];
        int[][] at = {{5, 5}, {13, 13}, {5, 21}}; // the same place within every 8-px cell
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < R * R; i++) {
                    v[(b * 3 + c) * R * R + i] = 0.2f + 0.1f * c;
                }
                if (!dots) {
                    continue;
                }
                for (int k = 0; k <= b + 1; k++) {
                    for (int dy = 0; dy < 3; dy++) {
                        for (int dx = 0; dx < 3; dx++) {
                            int x = at[k][0] + shift + dx;
                            int y = at[k][1] + dy;
                            v[(b * 3 + c) * R * R + y * R + x] = -0.6f;
                        }
                    }
                }
            }
        }
        return v;
    }

    private static float[] texture(float[] x, float[] xr) {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            NDArray a = s.step.create(x, new Shape(2, 3, R, R));
            NDArray b = s.step.create(xr, new Shape(2, 3, R, R));
            return new float[] {Losses.textureL1(s.ctx, Losses.pyramid(a), Losses.pyramid(b), 0).getFloat(), Losses.pyramidL1(s.ctx, b.sub(a)).getFloat()};
        }
    }

    @Test
    void textureL1_isZeroForTheSameImages() {
        float[] x = fundusLike(true, 0);
        assertEquals(0f, texture(x, x)[0], 1e-6f);
    }

    @Test
    void textureL1_penalizesDotsBlurredAway_notDotsDrawnElsewhere() {
        float[] x = fundusLike(true, 0);
        // Moved by 8 px, a whole cell of the coarsest band, so every band holds the same dots elsewhere.
        float[] moved = texture(x, fundusLike(true, 8));
        float[] removed = texture(x, fundusLike(false, 0));
        assertTrue(moved[0] < 1e-4f, "moved dots cost " + moved[0]);
        assertTrue(removed[0] > 0.5f, "missing dots cost only " + removed[0]);
        // The pyramid L1 penalizes the moved dots more than the missing ones: the blur it favours.
        assertTrue(moved[1] > removed[1], "pyramid L1 moved " + moved[1] + " removed " + removed[1]);
    }

    @Test
    void textureStats_countMoreDotsAsMoreDarkDetail() {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            float[] st = Losses.textureStats(s.ctx,
                    Losses.pyramid(s.step.create(fundusLike(true, 0), new Shape(2, 3, R, R))), 0)
                    .toFloatArray();
            int f = st.length / 2;
            // Per level: [bright mean, bright rms, dark mean, dark rms] x 3 channels; image 1 has 3 dots, image 0 has 2.
            float dark0 = st[2 * 3];
            float dark1 = st[f + 2 * 3];
            assertEquals(1.5f, dark1 / dark0, 0.05f);
        }
    }

    /** Image 0: one 3x3 dot 0.8 below the background; image 1: four such dots 0.2 below it (the same total darkness). */
    private static float[] strongAndFaint() {
        float[] v = new float[2 * 3 * R * R];
        java.util.Arrays.fill(v, 0.3f);
        int[][] at = {{5, 5}, {21, 5}, {5, 21}, {21, 21}};
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k < (b == 0 ? 1 : 4); k++) {
                for (int c = 0; c < 3; c++) {
                    for (int dy = 0; dy < 3; dy++) {
                        for (int dx = 0; dx < 3; dx++) {
                            v[(b * 3 + c) * R * R + (at[k][1] + dy) * R + at[k][0] + dx] = b == 0 ? -0.5f : 0.1f;
                        }
                    }
                }
            }
        }
        return v;
    }

    @Test
    void texturePeakStatistic_tellsOneStrongDotFromFourFaintOnesBetterThanTheRootMeanSquare() {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            NDArray img = s.step.create(strongAndFaint(), new Shape(2, 3, R, R));
            float[] plain = Losses.textureStats(s.ctx, Losses.pyramid(img), 0).toFloatArray();
            float[] st = Losses.textureStats(s.ctx, Losses.pyramid(img), 8).toFloatArray();
            int f = st.length / 2;
            assertEquals(f * 2 / 3, plain.length / 2, "18 statistics per level with the peak, 12 without");
            // Finest level, per part: mean, rms, peak for 3 channels each; bright part first, then dark (channel 0).
            float mean = st[f + 9] / st[9];
            float rms = st[f + 12] / st[12];
            float peak = st[f + 15] / st[15];
            assertEquals(1f, mean, 0.15f, "same total darkness");
            assertTrue(rms < 0.7f && peak < rms * 0.8f, "faint/strong: mean " + mean + " rms " + rms + " peak " + peak);
        }
    }

    /** Two 32-px images on a mid background with 2x2 dots {@code depth} below it, near the centre, moved by dx px. */
    private static float[] centralDots(float depth, int dx) {
        float[] v = new float[2 * 3 * R * R];
        java.util.Arrays.fill(v, 0.3f);
        int[][] at = {{8, 12}, {16, 8}, {12, 16}};
        for (int b = 0; b < 2; b++) {
            for (int k = 0; k <= b + 1; k++) {
                for (int c = 0; c < 3; c++) {
                    for (int dy = 0; dy < 2; dy++) {
                        for (int x = 0; x < 2; x++) {
                            v[(b * 3 + c) * R * R + (at[k][1] + dy) * R + at[k][0] + dx + x] = 0.3f - depth;
                        }
                    }
                }
            }
        }
        return v;
    }

    private static float tail(float[] x, float[] xr) {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            return Losses.tailL1(s.ctx, Losses.pyramid(s.step.create(x, new Shape(2, 3, R, R))),
                    Losses.pyramid(s.step.create(xr, new Shape(2, 3, R, R))), 1, 0f).getFloat();
        }
    }

    @Test
    void tailL1_ignoresWhereDotsAre_notHowDarkTheyAre() {
        float[] x = centralDots(0.6f, 0);
        // Moved by 4 px, a whole cell of the coarser compared band, so both bands hold the same values elsewhere.
        float moved = tail(x, centralDots(0.6f, 4));
        float faint = tail(x, centralDots(0.15f, 0));
        float none = tail(x, centralDots(0f, 0));
        assertEquals(0f, tail(x, x), 1e-6f);
        assertTrue(moved < 1e-4f, "moved dots cost " + moved);
        assertTrue(faint > 0.3f && none > faint, "faint dots cost " + faint + ", none " + none);
    }

    @Test
    void tailL1_gradientDarkensTheFaintDots() {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            NDArray x = s.step.create(centralDots(0.6f, 0), new Shape(2, 3, R, R));
            NDArray xr = s.step.create(centralDots(0.15f, 0), new Shape(2, 3, R, R));
            xr.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                gc.backward(Losses.tailL1(s.ctx, Losses.pyramid(x), Losses.pyramid(xr), 1, 0f));
            }
            float[] g = xr.getGradient().toFloatArray();
            // Green of image 0, the first dot's top-left pixel (8, 12): a positive gradient means darker is better.
            float atDot = g[R * R + 12 * R + 8];
            float farAway = g[R * R + 28 * R + 28];
            assertTrue(atDot > 0f, "gradient at the dot " + atDot);
            assertEquals(0f, farAway, 1e-9f, "outside the compared field");
        }
    }

    /** One 32-px image: a bright 8x8 "disc" on the left, a 2x2 bright dot {@code dot} above the background right. */
    private static float[] discAndDot(float dot) {
        float[] v = new float[3 * R * R];
        java.util.Arrays.fill(v, 0.3f);
        for (int c = 0; c < 3; c++) {
            for (int y = 12; y < 20; y++) {
                for (int x = 6; x < 14; x++) {
                    v[c * R * R + y * R + x] = 1.0f;
                }
            }
            for (int y = 12; y < 14; y++) {
                for (int x = 22; x < 24; x++) {
                    v[c * R * R + y * R + x] = 0.3f + dot;
                }
            }
        }
        return v;
    }

    private static float gradientAtDot(int tiles) {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            NDArray x = s.step.create(discAndDot(0.6f), new Shape(1, 3, R, R));
            NDArray xr = s.step.create(discAndDot(0.1f), new Shape(1, 3, R, R));
            xr.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                gc.backward(Losses.tailL1(s.ctx, Losses.pyramid(x), Losses.pyramid(xr), tiles, 0f));
            }
            return xr.getGradient().toFloatArray()[R * R + 12 * R + 22];
        }
    }

    @Test
    void tailL1_tiles_keepABrightDiscFromHidingAFaintBrightDot() {
        float whole = gradientAtDot(1);
        float tiled = gradientAtDot(4);
        // Whole field: the disc's edge fills the bright tail and takes the gradient; tiled: the dot has its own tail.
        assertEquals(0f, whole, 1e-9f, "whole-field gradient at the dot");
        assertTrue(tiled < 0f, "tiled gradient at the dot " + tiled + " should brighten it");
    }

    /** One 32-px image: a 2x2 dot 0.6 brighter than the background in red and green, {@code blue} in blue. */
    private static float[] brightDot(float blue) {
        float[] v = new float[3 * R * R];
        java.util.Arrays.fill(v, 0.3f);
        for (int y = 12; y < 14; y++) {
            for (int x = 20; x < 22; x++) {
                v[y * R + x] += 0.6f;
                v[R * R + y * R + x] += 0.6f;
                v[2 * R * R + y * R + x] += blue;
            }
        }
        return v;
    }

    /** Returns the tail term of a yellow original and a reconstruction with a paler, bluer dot, and its blue gradient. */
    private static float[] whitishAgainstYellow(float opponent) {
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            NDArray x = s.step.create(brightDot(0f), new Shape(1, 3, R, R));
            NDArray xr = s.step.create(brightDot(0.45f), new Shape(1, 3, R, R));
            xr.setRequiresGradient(true);
            NDArray loss;
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                loss = Losses.tailL1(s.ctx, Losses.pyramid(x), Losses.pyramid(xr), 1, opponent);
                gc.backward(loss);
            }
            return new float[] {loss.getFloat(), xr.getGradient().toFloatArray()[2 * R * R + 12 * R + 20]};
        }
    }

    @Test
    void tailL1_opponentBand_pushesAWhitishDotTowardTheOriginalsYellow() {
        float[] plain = whitishAgainstYellow(0f);
        float[] opponent = whitishAgainstYellow(1f);
        assertTrue(opponent[0] > plain[0], "the green-minus-blue tails differ: " + opponent[0] + " vs " + plain[0]);
        // A positive gradient on blue at the dot asks for less blue, i.e. a yellower dot.
        assertTrue(opponent[1] > plain[1] && opponent[1] > 0f, "blue gradient at the dot " + opponent[1]
                + " with the opponent band, " + plain[1] + " without");
        try (TestFixtures.Scratch s = TestFixtures.scratch()) {
            List<NDArray> p = Losses.pyramid(s.step.create(brightDot(0f), new Shape(1, 3, R, R)));
            assertEquals(0f, Losses.tailL1(s.ctx, p, p, 1, 1f).getFloat(), 1e-6f);
        }
    }
}
