package org.stylexaudit.attfind;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylexaudit.engine.ImageTensors;
import org.stylexaudit.train.stylex.ImageProbe;

/** Computes the fidelity metrics stored with a run: the sufficiency curve and the factor alignment table. */
final class FidelityMetrics {

    /** Images probed per attribute for the alignment table. */
    static final int ALIGNMENT_IMAGES = 16;

    private FidelityMetrics() {
    }

    /**
     * Returns, for k = 1..attributes per class, the share of stable images whose predicted class changes when the
     * top k attributes of their most probable other class are applied together.
     */
    static double[] sufficiency(StyleEvaluator evaluator, ColumnEvaluator columns, EncodedImages images,
            boolean[] stable, List<Attribute> attributes, int k) throws AttFindException {
        List<Integer> used = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (!stable[i]) {
                continue;
            }
            int target = runnerUp(images.reconstructed()[i]);
            float[] s = images.styles()[i];
            List<Attribute> mine = attributes.stream().filter(a -> a.targetClass() == target).toList();
            for (int kk = 0; kk < k; kk++) {
                if (kk < mine.size()) {
                    s = columns.shifted(s, mine.get(kk).column());
                }
                vectors.add(s);
            }
            used.add(i);
        }
        double[] flipped = new double[k];
        if (used.isEmpty()) {
            return flipped;
        }
        float[][] p = evaluator.styleProbabilities(vectors.toArray(float[][]::new));
        for (int u = 0; u < used.size(); u++) {
            int before = images.predicted(used.get(u));
            for (int kk = 0; kk < k; kk++) {
                flipped[kk] += StyleEvaluator.argmax(p[u * k + kk]) != before ? 1 : 0;
            }
        }
        for (int kk = 0; kk < k; kk++) {
            flipped[kk] /= used.size();
        }
        return flipped;
    }

    /** Returns the most probable class other than the predicted one. */
    static int runnerUp(float[] p) {
        int best = StyleEvaluator.argmax(p);
        int second = -1;
        for (int c = 0; c < p.length; c++) {
            if (c != best && (second < 0 || p[c] > p[second])) {
                second = c;
            }
        }
        return second;
    }

    /**
     * Returns, per attribute, every probed factor's mean change when the attribute is applied to up to
     * {@link #ALIGNMENT_IMAGES} stable images, strongest (in standard deviations) first.
     */
    static List<FactorAlignment> alignment(StyleEvaluator evaluator, ColumnEvaluator columns, ImageTensors tensors,
            EncodedImages images, boolean[] stable, List<Attribute> attributes, List<ImageProbe> probes)
            throws AttFindException {
        if (probes.isEmpty() || attributes.isEmpty()) {
            return List.of();
        }
        List<Integer> sample = new ArrayList<>();
        for (int i = 0; i < images.size() && sample.size() < ALIGNMENT_IMAGES; i++) {
            if (stable[i]) {
                sample.add(i);
            }
        }
        if (sample.isEmpty()) {
            return List.of();
        }
        float[][] base = new float[sample.size()][];
        for (int u = 0; u < sample.size(); u++) {
            base[u] = images.styles()[sample.get(u)];
        }
        List<Map<String, Double>> before = measure(evaluator.images(base), tensors, probes);
        Map<String, Double> sd = spread(before);
        List<FactorAlignment> out = new ArrayList<>();
        for (Attribute a : attributes) {
            float[][] shifted = new float[base.length][];
            for (int u = 0; u < base.length; u++) {
                shifted[u] = columns.shifted(base[u], a.column());
            }
            List<Map<String, Double>> after = measure(evaluator.images(shifted), tensors, probes);
            List<FactorAlignment> mine = new ArrayList<>();
            for (String f : sd.keySet()) {
                double change = 0;
                for (int u = 0; u < base.length; u++) {
                    change += after.get(u).get(f) - before.get(u).get(f);
                }
                change /= base.length;
                double s = sd.get(f);
                mine.add(new FactorAlignment(a.id(), f, s > 1e-9 ? change / s : change, change));
            }
            mine.sort(Comparator.comparingDouble((FactorAlignment x) -> -Math.abs(x.change())));
            out.addAll(mine);
        }
        return out;
    }

    private static List<Map<String, Double>> measure(float[][] rows, ImageTensors tensors, List<ImageProbe> probes) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (float[] row : rows) {
            BufferedImage img = tensors.toImage(row);
            Map<String, Double> m = new LinkedHashMap<>();
            for (ImageProbe p : probes) {
                m.putAll(p.measure(img));
            }
            out.add(m);
        }
        return out;
    }

    private static Map<String, Double> spread(List<Map<String, Double>> readings) {
        Map<String, Double> sd = new LinkedHashMap<>();
        for (String f : readings.get(0).keySet()) {
            double mean = readings.stream().mapToDouble(m -> m.get(f)).average().orElse(0);
            double var = readings.stream().mapToDouble(m -> (m.get(f) - mean) * (m.get(f) - mean)).average()
                    .orElse(0);
            sd.put(f, Math.sqrt(var));
        }
        return sd;
    }
}
