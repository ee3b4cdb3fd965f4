package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;

class StylexTrainerTest {

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        TestFixtures.singleThread();
    }

    @Test
    void train_tinyConfig_lossesFiniteAndReconstructionFallsOnFixedBatch() throws Exception {
        // Four training images and batch 4: every encoder batch is the same four images.
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 6, 2, 16, 1);
        StylexConfig cfg = StylexConfig.tiny().withSteps(30);
        TrainingData data = TrainingData.load(imgs, 16, 0.25);
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"));
             StylexTrainer t = new StylexTrainer(cfg, c, data, tmp.resolve("work"))) {
            TrainingRecord record = t.train(false, Progress.NONE);
            assertEquals(30, record.step());
            List<LossPoint> h = record.history();
            for (LossPoint p : h) {
                for (Map.Entry<String, Double> e : p.values().entrySet()) {
                    assertTrue(Double.isFinite(e.getValue()), e.getKey() + " at step " + p.step());
                }
            }
            List<LossPoint> rec = h.stream().filter(p -> p.values().containsKey("rec_l1")).toList();
            double first = mean(rec.subList(0, 3), "rec_l1");
            double last = mean(rec.subList(rec.size() - 3, rec.size()), "rec_l1");
            assertTrue(last < 0.8 * first, "rec_l1 fell from " + first + " to " + last);
            assertTrue(h.stream().anyMatch(p -> p.values().containsKey("r1")), "lazy R1 ran");
            assertTrue(h.stream().anyMatch(p -> p.values().containsKey("noise_adv")), "noise batches ran");
        }
    }

    @Test
    void train_resumedHalfway_reproducesTheSameWeights() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 12, 3, 16, 2);
        TrainingData data = TrainingData.load(imgs, 16, 0.25);
        StylexConfig cfg = StylexConfig.tiny().withSteps(6);
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"))) {
            List<float[]> straight;
            try (StylexTrainer t = new StylexTrainer(cfg, c, data, tmp.resolve("a"))) {
                t.train(false, Progress.NONE);
                straight = weights(t);
            }
            try (StylexTrainer t = new StylexTrainer(cfg.withSteps(3), c, data, tmp.resolve("b"))) {
                t.train(false, Progress.NONE);
            }
            List<float[]> resumed;
            try (StylexTrainer t = new StylexTrainer(cfg, c, data, tmp.resolve("b"))) {
                assertThrows(StylexException.class, () -> t.train(false, Progress.NONE), "refuses to overwrite");
                t.train(true, Progress.NONE);
                assertEquals(6, t.step());
                resumed = weights(t);
            }
            assertEquals(straight.size(), resumed.size());
            for (int i = 0; i < straight.size(); i++) {
                assertArrayEquals(straight.get(i), resumed.get(i), "tensor " + i);
            }
        }
    }

    @Test
    void train_resumeWithOtherHyperParameters_isRefused() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 8, 2, 16, 5);
        TrainingData data = TrainingData.load(imgs, 16, 0.25);
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"))) {
            try (StylexTrainer t = new StylexTrainer(StylexConfig.tiny().withSteps(1), c, data, tmp.resolve("w"))) {
                t.train(false, Progress.NONE);
            }
            try (StylexTrainer t = new StylexTrainer(StylexConfig.tiny().withSteps(2).withSeed(8), c, data,
                    tmp.resolve("w"))) {
                StylexException e = assertThrows(StylexException.class, () -> t.train(true, Progress.NONE));
                assertTrue(e.getMessage().contains("other hyper-parameters"), e.getMessage());
            }
        }
    }

    @Test
    void train_warmStartWithOtherLearningRate_continuesFromTheCheckpointsWeightsAndLogsTheChange() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 8, 2, 16, 6);
        TrainingData data = TrainingData.load(imgs, 16, 0.25);
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"))) {
            List<float[]> before;
            try (StylexTrainer t = new StylexTrainer(StylexConfig.tiny().withSteps(3), c, data, tmp.resolve("a"))) {
                t.train(false, Progress.NONE);
                before = weights(t);
            }
            Path from = tmp.resolve("a").resolve(StylexTrainer.CHECKPOINT);
            StylexConfig changed = StylexConfig.tiny().withSteps(3).with("lrEncoder", "1e-4");
            try (StylexTrainer t = new StylexTrainer(changed, c, data, tmp.resolve("b"))) {
                // Already at the requested step count: the warm start only loads, so the weights must be equal.
                t.train(false, from, Progress.NONE);
                assertEquals(3, t.step());
                List<float[]> loaded = weights(t);
                for (int i = 0; i < before.size(); i++) {
                    assertArrayEquals(before.get(i), loaded.get(i), "tensor " + i);
                }
            }
            String log = java.nio.file.Files.readString(tmp.resolve("b").resolve("train-log.txt"));
            assertTrue(log.contains("warm start from") && log.contains("lrEncoder: 0.002 -> 1.0E-4"), log);
            try (StylexTrainer t = new StylexTrainer(changed.withSteps(5), c, data, tmp.resolve("b"))) {
                t.train(true, Progress.NONE);
                assertEquals(5, t.step(), "the warm-started run resumes like any other");
            }
        }
    }

    @Test
    void train_warmStartAddingNoiseMaps_drawsTheSameImagesFirstThenLearnsTheStrengths() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 8, 2, 16, 8);
        TrainingData data = TrainingData.load(imgs, 16, 0.25);
        StylexConfig plain = StylexConfig.tiny().withSteps(3).with("noiseMaps", "none");
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"))) {
            double psnrBefore;
            try (StylexTrainer t = new StylexTrainer(plain, c, data, tmp.resolve("a"))) {
                t.train(false, Progress.NONE);
                psnrBefore = t.heldOutPsnr();
            }
            StylexConfig noisy = plain.with("noiseMaps", "fixed");
            try (StylexTrainer t = new StylexTrainer(noisy, c, data, tmp.resolve("b"))) {
                t.train(false, tmp.resolve("a").resolve(StylexTrainer.CHECKPOINT), Progress.NONE);
                assertEquals(psnrBefore, t.heldOutPsnr(), 1e-9, "zero strengths: the same reconstructions");
            }
            String log = java.nio.file.Files.readString(tmp.resolve("b").resolve("train-log.txt"));
            assertTrue(log.contains("noiseMaps: none -> fixed") && log.contains("synthesis/b16_conv1_noise"), log);
            try (StylexTrainer t = new StylexTrainer(noisy.withSteps(8), c, data, tmp.resolve("b"))) {
                t.train(true, Progress.NONE);
                float[] strength = t.stateSets().get(2).get("b16_conv1_noise").toFloatArray();
                double sum = 0;
                for (float v : strength) {
                    sum += Math.abs(v);
                }
                assertTrue(sum > 0, "the noise strengths learn once trained");
            }
        }
    }

    @Test
    void train_warmStartAddingSpatialCode_drawsTheSameImagesFirstThenFollowsTheCode() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 8, 2, 16, 9);
        TrainingData data = TrainingData.load(imgs, 16, 0.25);
        StylexConfig plain = StylexConfig.tiny().withSteps(3).with("spatialCode", "0");
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"))) {
            double psnrBefore;
            try (StylexTrainer t = new StylexTrainer(plain, c, data, tmp.resolve("a"))) {
                t.train(false, Progress.NONE);
                psnrBefore = t.heldOutPsnr();
            }
            StylexConfig coded = plain.with("spatialCode", "2");
            try (StylexTrainer t = new StylexTrainer(coded, c, data, tmp.resolve("b"))) {
                t.train(false, tmp.resolve("a").resolve(StylexTrainer.CHECKPOINT), Progress.NONE);
                assertEquals(psnrBefore, t.heldOutPsnr(), 1e-9, "zero code weights: the same reconstructions");
            }
            String log = java.nio.file.Files.readString(tmp.resolve("b").resolve("train-log.txt"));
            assertTrue(log.contains("spatialCode: 0 -> 2") && log.contains("encoder/code_w")
                    && log.contains("synthesis/b16_conv1_code"), log);
            try (StylexTrainer t = new StylexTrainer(coded.withSteps(10), c, data, tmp.resolve("b"))) {
                t.train(true, Progress.NONE);
                StyleLayer code = t.styleLayout().get(t.styleLayout().size() - 1);
                assertEquals("code", code.kind());
                assertEquals(2 * 8 * 8, code.size(), "two channels at half the 16-px resolution");
                float[][] images = t.withContext(ctx -> {
                    NDArray x = ctx.manager().create(data.heldOut(0, 1), new ai.djl.ndarray.types.Shape(1, 3, 16, 16));
                    NDArray p = t.classify(ctx, x).softmax(1);
                    Latent lat = t.latent(ctx, t.ema, x);
                    NDArray s = t.styles.forward(ctx, t.ema.styles(), lat, p);
                    // Raise the code at one place: only the picture around it may change.
                    float[] v = s.toFloatArray();
                    v[code.offset() + 3 * 8 + 3] += 4f;
                    NDArray edited = ctx.manager().create(v, s.getShape());
                    return new float[][] {t.synthesis.forward(ctx, t.ema.synthesis(), s).toFloatArray(),
                            t.synthesis.forward(ctx, t.ema.synthesis(), edited).toFloatArray()};
                });
                double near = 0;
                double far = 0;
                for (int ch = 0; ch < 3; ch++) {
                    for (int y = 0; y < 16; y++) {
                        for (int x = 0; x < 16; x++) {
                            int i = (ch * 16 + y) * 16 + x;
                            double d = Math.abs(images[0][i] - images[1][i]);
                            // Code cell (3,3) covers pixels 6-7; the 3x3 convolutions after it reach pixels 2-11.
                            if (y >= 1 && y <= 12 && x >= 1 && x <= 12) {
                                near = Math.max(near, d);
                            } else {
                                far = Math.max(far, d);
                            }
                        }
                    }
                }
                assertTrue(near > 1e-4, "the trained code weights draw where the code says: " + near);
                assertTrue(far < near * 0.05, "and only there: near " + near + ", far " + far);
            }
        }
    }

    @Test
    void train_warmStartFromOtherNetworks_isRefused() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 8, 2, 16, 7);
        TrainingData data = TrainingData.load(imgs, 16, 0.25);
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"))) {
            try (StylexTrainer t = new StylexTrainer(StylexConfig.tiny().withSteps(1), c, data, tmp.resolve("a"))) {
                t.train(false, Progress.NONE);
            }
            StylexConfig wider = StylexConfig.tiny().withSteps(2).with("wDim", "24");
            try (StylexTrainer t = new StylexTrainer(wider, c, data, tmp.resolve("b"))) {
                StylexException e = assertThrows(StylexException.class, () -> t.train(false,
                        tmp.resolve("a").resolve(StylexTrainer.CHECKPOINT), Progress.NONE));
                assertTrue(e.getMessage().contains("other networks"), e.getMessage());
            }
        }
    }

    private static List<float[]> weights(StylexTrainer t) {
        return t.stateSets().stream().flatMap(p -> p.values().values().stream()).map(NDArray::toFloatArray)
                .toList();
    }

    private static double mean(List<LossPoint> pts, String key) {
        return pts.stream().mapToDouble(p -> p.values().get(key)).average().orElseThrow();
    }
}
