package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.Progress;

class StylexExporterTest {

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        TestFixtures.singleThread();
    }

    /** Mean red minus mean blue: a colour-cast probe. */
    private static final ImageProbe RED_CAST = new ImageProbe() {
        @Override
        public String name() {
            return "red_cast";
        }

        @Override
        public double measure(BufferedImage img) {
            double s = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    int p = img.getRGB(x, y);
                    s += ((p >> 16) & 0xFF) - (p & 0xFF);
                }
            }
            return s / (img.getWidth() * img.getHeight());
        }
    };

    @Test
    void export_tinyModel_onnxChainMatchesDjlAndBundleJsonIsComplete() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 12, 4, 16, 3);
        TrainingData data = TrainingData.load(imgs, 16, 0.25);
        Path bundle = tmp.resolve("bundle");
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"));
             StylexTrainer t = new StylexTrainer(StylexConfig.tiny().withSteps(4), c, data, tmp.resolve("work"))) {
            t.train(false, Progress.NONE);
            FidelityRecord f = new StylexExporter(t, List.of(RED_CAST)).export(bundle, Progress.NONE);
            assertEquals(4, f.images());
            assertTrue(f.argmaxAgreement() >= 0 && f.argmaxAgreement() <= 1);
            assertTrue(Double.isFinite(f.psnr()) && f.psnr() > 0, "psnr " + f.psnr());
            assertTrue(f.probeCorrelations().containsKey("red_cast"));

            // Run classifier -> softmax -> encoder -> styles -> synthesis entirely in ONNX Runtime.
            int n = 4;
            float[] x = data.heldOut(0, n);
            float[] unit = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                unit[i] = (x[i] + 1f) / 2f;
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            float[] logits = run(env, bundle.resolve("classifier.onnx"), Map.of("image", unit), Map.of("image",
                    new long[] {n, 3, 16, 16}));
            float[] probs = softmax(logits, 2);
            float[] w = run(env, bundle.resolve("encoder.onnx"), Map.of("image", unit),
                    Map.of("image", new long[] {n, 3, 16, 16}));
            float[] s = run(env, bundle.resolve("styles.onnx"), Map.of("w", w, "probs", probs),
                    Map.of("w", new long[] {n, 16}, "probs", new long[] {n, 2}));
            int styleSize = t.synthesis.styleSize();
            float[] img = run(env, bundle.resolve("synthesis.onnx"), Map.of("styles", s),
                    Map.of("styles", new long[] {n, styleSize}));
            float[] djl = t.withContext(ctx -> {
                NDArray xa = ctx.manager().create(x, new Shape(n, 3, 16, 16));
                NDArray p = t.classify(ctx, xa).softmax(1);
                return t.reconstruct(ctx, t.ema, xa, p).add(ctx.c(1f)).mul(ctx.c(0.5f)).toFloatArray();
            });
            double max = 0;
            for (int i = 0; i < img.length; i++) {
                max = Math.max(max, Math.abs(img[i] - djl[i]));
            }
            assertTrue(max <= 1e-4, "ONNX chain differs from DJL by " + max);

            JsonNode b = new ObjectMapper().readTree(bundle.resolve("bundle.json").toFile());
            assertEquals(StylexExporter.FORMAT, b.get("format").asText());
            assertEquals(styleSize, b.get("styleSize").asInt());
            assertEquals(4, b.at("/training/steps").asInt());
            assertEquals(data.digest(), b.at("/training/dataDigest").asText());
            assertEquals(7L, b.at("/training/config/seed").asLong());
            assertTrue(b.at("/training/lossCurves").size() > 0);
            for (String file : List.of("classifier.onnx", "encoder.onnx", "styles.onnx", "synthesis.onnx",
                    "mapping.onnx", StylexExporter.CONTACT_SHEET)) {
                assertEquals(Digests.sha256Hex(bundle.resolve(file)), b.at("/files/" + file.replace("/", "~1")
                        + "/sha256").asText(), file);
            }
            BufferedImage sheet = ImageIO.read(bundle.resolve(StylexExporter.CONTACT_SHEET).toFile());
            assertEquals(2 * sheet.getWidth() / 4, sheet.getHeight(), "one band of 4 originals over 4 reconstructions");
            assertTrue(b.at("/onnxParity/synthesis.onnx").asDouble() <= 1e-4);
        }
        assertTrue(Files.exists(bundle.resolve("mapping.onnx")));
    }

    private static float[] run(OrtEnvironment env, Path model, Map<String, float[]> in, Map<String, long[]> shapes)
            throws Exception {
        try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> feed = new java.util.HashMap<>();
            for (Map.Entry<String, float[]> e : in.entrySet()) {
                feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()),
                        shapes.get(e.getKey())));
            }
            try (OrtSession.Result r = s.run(feed)) {
                FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                return v;
            } finally {
                feed.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static float[] softmax(float[] logits, int k) {
        float[] p = new float[logits.length];
        for (int i = 0; i < logits.length; i += k) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits[i + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(logits[i + c] - max);
            }
            for (int c = 0; c < k; c++) {
                p[i + c] = (float) (Math.exp(logits[i + c] - max) / sum);
            }
        }
        return p;
    }
}
