package org.stylexaudit.engine;

import static org.stylexaudit.train.onnx.OnnxImportFixtures.i;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.stylexaudit.train.onnx.OnnxImportFixtures.Graph;

/**
 * A tiny but complete bundle (4x4 RGB images, 2 classes, w of 5, 6 style coordinates) whose networks are linear
 * maps with known weights, so tests can compute every expected output in plain Java.
 */
public final class EngineFixtures {

    /** Image resolution of the tiny bundle. */
    public static final int RES = 4;
    /** Floats per image row. */
    public static final int IMAGE = 3 * RES * RES;
    /** Length of w. */
    public static final int W = 5;
    /** Length of the concatenated style vector. */
    public static final int S = 6;

    /** Classifier weights (3 x 2) applied to per-channel means, and bias. */
    public final float[][] classifierW = random(3, 2, 1);
    public final float[] classifierB = random(1, 2, 2)[0];
    /** Encoder weights (48 x 5). */
    public final float[][] encoderW = random(IMAGE, W, 3);
    /** Style weights (7 x 6) applied to [w, logits]. */
    public final float[][] stylesW = random(W + 2, S, 4);
    /** Synthesis weights (6 x 48), followed by tanh. */
    public final float[][] synthesisW = random(S, IMAGE, 5);
    /** Mapping weights (5 x 5). */
    public final float[][] mappingW = random(W, W, 6);

    /** Returns the manifest draft of the tiny bundle (files and provenance are filled by the writer). */
    public static BundleManifest draft() {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("steps", 1200);
        training.put("dataDigest", "ab".repeat(32));
        training.put("hyperParameters", Map.of("batch", 16, "lrEncoder", 1e-5));
        training.put("losses", List.of(Map.of("step", 1000, "rec", 0.21)));
        Map<String, Object> fidelity = new LinkedHashMap<>();
        fidelity.put("agreement", 0.975);
        fidelity.put("psnr", 20.61234);
        fidelity.put("perClass", Map.of("healthy", 0.98));
        training.put("fidelity", fidelity);
        return new BundleManifest(1, RES, "RGB", new BundleManifest.ValueRange(-1, 1), List.of("healthy", "disease"),
                "logits", new StyleLayout(List.of(new StyleLayout.Layer("b4.conv", 0, 4, 4, "conv"),
                        new StyleLayout.Layer("b4.torgb", 4, 2, 4, "torgb"))), null, training, null);
    }

    /** Writes the tiny bundle (with the mapping network) to {@code dir} and returns the written manifest. */
    public BundleManifest write(Path dir) throws BundleException {
        return write(dir, draft());
    }

    /** Writes the tiny networks under another manifest draft (to test mismatches). */
    public BundleManifest write(Path dir, BundleManifest draft) throws BundleException {
        return new BundleWriter(draft)
                .put(BundleManifest.CLASSIFIER, classifier())
                .put(BundleManifest.ENCODER, encoder())
                .put(BundleManifest.STYLES, styles())
                .put(BundleManifest.SYNTHESIS, synthesis())
                .put(BundleManifest.MAPPING, mapping())
                .write(dir);
    }

    byte[] classifier() {
        Graph g = new Graph(13, 0);
        String x = g.input("image", -1, 3, RES, RES);
        String pooled = g.node("Flatten", new String[] {g.node("GlobalAveragePool", new String[] {x})});
        String y = g.node("Gemm", new String[] {pooled, g.init(flat(classifierW), 3, 2), g.init(classifierB, 2)});
        g.output(y, -1, 2);
        return g.build().toByteArray();
    }

    byte[] encoder() {
        Graph g = new Graph(13, 0);
        String x = g.input("image", -1, 3, RES, RES);
        String y = g.node("MatMul", new String[] {g.node("Flatten", new String[] {x}),
            g.init(flat(encoderW), IMAGE, W)});
        g.output(y, -1, W);
        return g.build().toByteArray();
    }

    byte[] styles() {
        Graph g = new Graph(13, 0);
        String w = g.input("w", -1, W);
        String c = g.input("class", -1, 2);
        String y = g.node("MatMul", new String[] {g.node("Concat", new String[] {w, c}, i("axis", 1)),
            g.init(flat(stylesW), W + 2, S)});
        g.output(y, -1, S);
        return g.build().toByteArray();
    }

    byte[] synthesis() {
        Graph g = new Graph(13, 0);
        String s = g.input("styles", -1, S);
        String y = g.node("Tanh", new String[] {g.node("MatMul", new String[] {s, g.init(flat(synthesisW), S,
            IMAGE)})});
        String img = g.node("Reshape", new String[] {y, g.initLong(new long[] {-1, 3, RES, RES}, 4)});
        g.output(img, -1, 3, RES, RES);
        return g.build().toByteArray();
    }

    /** Writes a synthesis network taking one input per style layer (b4.conv: 4, b4.torgb: 2). */
    byte[] perLayerSynthesis() {
        Graph g = new Graph(13, 0);
        String a = g.input("b4.conv", -1, 4);
        String b = g.input("b4.torgb", -1, 2);
        String s = g.node("Concat", new String[] {a, b}, i("axis", 1));
        String y = g.node("Tanh", new String[] {g.node("MatMul", new String[] {s, g.init(flat(synthesisW), S,
            IMAGE)})});
        String img = g.node("Reshape", new String[] {y, g.initLong(new long[] {-1, 3, RES, RES}, 4)});
        g.output(img, -1, 3, RES, RES);
        return g.build().toByteArray();
    }

    byte[] mapping() {
        Graph g = new Graph(13, 0);
        String z = g.input("z", -1, W);
        g.output(g.node("MatMul", new String[] {z, g.init(flat(mappingW), W, W)}), -1, W);
        return g.build().toByteArray();
    }

    // ---- the same maps in plain Java ----

    float[] expectClassify(float[] image) {
        float[] means = new float[3];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < RES * RES; k++) {
                means[c] += image[c * RES * RES + k] / (RES * RES);
            }
        }
        float[] y = matVec(means, classifierW);
        for (int k = 0; k < y.length; k++) {
            y[k] += classifierB[k];
        }
        return y;
    }

    float[] expectEncode(float[] image) {
        return matVec(image, encoderW);
    }

    float[] expectStyles(float[] w, float[] c) {
        float[] wc = new float[W + 2];
        System.arraycopy(w, 0, wc, 0, W);
        System.arraycopy(c, 0, wc, W, 2);
        return matVec(wc, stylesW);
    }

    float[] expectSynthesize(float[] s) {
        float[] y = matVec(s, synthesisW);
        for (int k = 0; k < y.length; k++) {
            y[k] = (float) Math.tanh(y[k]);
        }
        return y;
    }

    float[] expectMap(float[] z) {
        return matVec(z, mappingW);
    }

    /** Returns {@code n} random image rows in [-1, 1]. */
    public static float[][] images(int n, long seed) {
        Random r = new Random(seed);
        float[][] v = new float[n][IMAGE];
        for (float[] row : v) {
            for (int k = 0; k < row.length; k++) {
                row[k] = r.nextFloat() * 2 - 1;
            }
        }
        return v;
    }

    private static float[] matVec(float[] x, float[][] m) {
        float[] y = new float[m[0].length];
        for (int j = 0; j < y.length; j++) {
            double acc = 0;
            for (int k = 0; k < x.length; k++) {
                acc += x[k] * m[k][j];
            }
            y[j] = (float) acc;
        }
        return y;
    }

    private static float[][] random(int rows, int cols, long seed) {
        Random r = new Random(seed);
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int k = 0; k < cols; k++) {
                row[k] = (float) (r.nextGaussian() * 0.3);
            }
        }
        return m;
    }

    private static float[] flat(float[][] m) {
        float[] v = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, v, i * m[0].length, m[0].length);
        }
        return v;
    }
}
