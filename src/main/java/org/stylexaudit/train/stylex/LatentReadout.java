package org.stylexaudit.train.stylex;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Records how well each probe reading can be read off the encoder's w with a linear map: a ridge regression fitted on
 * training images, scored by Pearson r on held-out ones. Next to the fidelity record's probe correlations it says
 * where a factor is lost: read off w well but not kept by G(E(x)) means the generator does not draw what w holds;
 * read off poorly means the encoder never kept it.
 *
 * @param fitImages training images the read-out was fitted on
 * @param testImages held-out images it was scored on
 * @param lambda ridge penalty per fit image (the fit uses lambda times fitImages; w is standardized, so one value
 *        suits every reading)
 * @param correlations held-out Pearson r of the read-out against each probe reading (null where a reading is
 *        constant over the held-out images)
 */
public record LatentReadout(int fitImages, int testImages, double lambda, Map<String, Double> correlations) {

    /** Ridge penalty per fit image. */
    static final double LAMBDA = 0.01;
    private static final int CHUNK = 64;

    /**
     * Encodes up to {@code maxFit} training and {@code maxTest} held-out images with the moving-average encoder (as
     * the exported encoder.onnx does), reads them with {@code probes}, and fits and scores one read-out per reading.
     */
    static LatentReadout measure(StylexTrainer t, List<ImageProbe> probes, int maxFit, int maxTest) {
        int fit = Math.min(maxFit, t.data().trainCount());
        int test = Math.min(maxTest, t.data().heldOutCount());
        Sample train = sample(t, probes, fit, true);
        Sample held = sample(t, probes, test, false);
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : train.readings.entrySet()) {
            double[] beta = Ridge.fit(train.w, e.getValue(), LAMBDA * fit);
            double[] truth = held.readings.get(e.getKey());
            double[] pred = new double[test];
            for (int i = 0; i < test; i++) {
                pred[i] = Ridge.predict(beta, held.w[i]);
            }
            double r = StylexExporter.pearson(pred, truth);
            out.put(e.getKey(), Double.isFinite(r) ? r : null);
        }
        return new LatentReadout(fit, test, LAMBDA, out);
    }

    private record Sample(double[][] w, Map<String, double[]> readings) {
    }

    private static Sample sample(StylexTrainer t, List<ImageProbe> probes, int n, boolean training) {
        int r = t.config().resolution();
        int d = t.config().wDim();
        int plane = 3 * r * r;
        double[][] w = new double[n][];
        Map<String, double[]> readings = new TreeMap<>();
        for (int from = 0; from < n; from += CHUNK) {
            int m = Math.min(CHUNK, n - from);
            float[] xs = training ? t.data().trainImages(from, m) : t.data().heldOut(from, m);
            float[] ws = t.withContext(ctx -> t.encode(ctx, t.ema, ctx.manager().create(xs, new Shape(m, 3, r, r)))
                    .toFloatArray());
            for (int i = 0; i < m; i++) {
                double[] row = new double[d];
                for (int j = 0; j < d; j++) {
                    row[j] = ws[i * d + j];
                }
                w[from + i] = row;
                for (ImageProbe probe : probes) {
                    for (Map.Entry<String, Double> e : probe.measure(TrainingData.image(xs, i * plane, r)).entrySet()) {
                        readings.computeIfAbsent(e.getKey(), k -> new double[n])[from + i] = e.getValue();
                    }
                }
            }
        }
        return new Sample(w, readings);
    }

    /** Returns one line for the command's output. */
    public String describe() {
        return String.format(Locale.ROOT, "linear read-out of w (fitted on %d training images, r on %d held out): %s",
                fitImages, testImages, correlations.entrySet().stream()
                        .map(e -> e.getKey() + " " + (e.getValue() == null ? "-"
                                : String.format(Locale.ROOT, "%.2f", e.getValue())))
                        .collect(Collectors.joining(", ")));
    }
}
