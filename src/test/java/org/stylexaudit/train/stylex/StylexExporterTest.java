package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.engine.Bundle;
import org.stylexaudit.engine.BundleManifest;
import org.stylexaudit.engine.EngineOptions;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.engine.StyleLayout;
import org.stylexaudit.common.Progress;

class StylexExporterTest {

    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeAll
    static void oneThread() {
        TestFixtures.singleThread();
    }

    /** Mean red minus mean blue: a colour-cast probe. */
    private static final ImageProbe RED_CAST = img -> {
        double sum = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                sum += ((p >> 16) & 0xFF) - (p & 0xFF);
            }
        }
        return Map.of("red_cast", sum / (img.getWidth() * img.getHeight()));
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
            double castOfOriginals = 0;
            float[] held = data.heldOut(0, 4);
            for (int i = 0; i < 4; i++) {
                castOfOriginals += RED_CAST.measure(TrainingData.image(held, i * 3 * 16 * 16, 16)).get("red_cast") / 4;
            }
            assertEquals(castOfOriginals, f.probeMeans().get("red_cast")[0], 1e-9, "mean reading on the originals");
            assertTrue(Double.isFinite(f.probeMeans().get("red_cast")[1]));

            // Run classifier -> encoder -> styles -> synthesis through the engine's bundle reader and ORT session.
            int n = 4;
            int plane = 3 * 16 * 16;
            float[] x = data.heldOut(0, n);
            float[][] rows = new float[n][plane];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < plane; j++) {
                    rows[i][j] = (x[i * plane + j] + 1f) / 2f; // the tiny config's classifier takes [0,1]
                }
            }
            int styleSize = t.synthesis.styleSize();
            float[] img;
            try (EngineSession session = EngineSession.open(Bundle.load(bundle), EngineOptions.cpu())) {
                assertEquals(List.of(), session.checkInterfaces(), "mapping output fits styles.onnx like E's");
                float[][] logits = session.classify(rows);
                float[][] w = session.encode(rows);
                float[][] s = session.styles(w, logits);
                assertEquals(styleSize, s[0].length);
                float[][] out = session.synthesize(s);
                img = new float[n * plane];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(out[i], 0, img, i * plane, plane);
                }
            }
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

            BundleManifest m = Bundle.load(bundle).manifest();
            assertEquals(List.of("green", "red"), m.classNames());
            assertEquals(styleSize, m.styleLayout().totalSize());
            StyleLayout.Layer code = m.styleLayout().layers().get(m.styleLayout().layers().size() - 1);
            assertEquals(StyleLayout.CODE, code.kind(), "the tiny config carries a spatial code");
            assertEquals(styleSize - code.size(), t.synthesis.affineSize());
            assertTrue(m.styleLayout().searchableSize() < t.synthesis.affineSize(), "the code is never searched");
            assertEquals(0.0, m.valueRange().min());
            assertTrue(m.hasMapping());
            JsonNode b = new ObjectMapper().readTree(bundle.resolve("bundle.json").toFile());
            assertEquals(4, b.at("/training/steps").asInt());
            assertEquals(data.digest(), b.at("/training/dataDigest").asText());
            assertEquals(7L, b.at("/training/hyperParameters/seed").asLong());
            assertTrue(b.at("/training/losses").size() > 0);
            assertTrue(b.at("/training/fidelity/probeCorrelations/red_cast").isNumber());
            assertTrue(b.at("/training/onnxParity/synthesis.onnx").asDouble() <= 1e-4);
            JsonNode spread = b.at("/training/latentSpread");
            for (String field : List.of("encoderWVariance", "mappingWVariance", "realImageVariance",
                    "reconstructionVariance", "noiseImageVariance", "noiseInversionL1", "constantGuessL1")) {
                assertTrue(spread.get(field).asDouble() > 0, field + " in " + spread);
            }
            assertTrue(spread.get("realImageVariance").asDouble() < 0.25, "images in [0,1] vary by less than 1/4");
            JsonNode readout = b.at("/training/latentReadout");
            assertEquals(data.trainCount(), readout.get("fitImages").asInt(), "fitted on every training image");
            double r = readout.at("/correlations/red_cast").asDouble(Double.NaN);
            assertTrue(r >= -1 && r <= 1, "read-out r of the probe in " + readout);
            BufferedImage sheet = ImageIO.read(bundle.resolve(StylexExporter.CONTACT_SHEET).toFile());
            assertEquals(2 * sheet.getWidth() / 4, sheet.getHeight(), "one band of 4 originals over 4 reconstructions");
            BufferedImage curves = ImageIO.read(bundle.resolve(TrainingCurves.FILE).toFile());
            assertEquals(900, curves.getWidth());
            assertTrue(b.at("/files").toString().contains(TrainingCurves.FILE), "the curves are hashed with the rest");
        }
        assertTrue(Files.exists(bundle.resolve("mapping.onnx")));
    }
}
