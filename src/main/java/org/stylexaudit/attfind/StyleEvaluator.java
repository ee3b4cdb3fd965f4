package org.stylexaudit.attfind;

import java.util.ArrayList;
import java.util.List;
import org.stylexaudit.engine.BundleException;
import org.stylexaudit.engine.EngineException;
import org.stylexaudit.engine.EngineSession;

/**
 * Turns style vectors into class probabilities through the bundle's synthesis and classifier networks, many
 * vectors per ONNX Runtime call, and counts the evaluations.
 */
final class StyleEvaluator {

    private final EngineSession session;
    private final boolean logits;
    private final int batch;
    private long evaluations;

    StyleEvaluator(EngineSession session, int batch) {
        this.session = session;
        this.logits = "logits".equals(session.bundle().manifest().classifierOutput());
        this.batch = batch;
    }

    /** Returns class probabilities of the images synthesised from {@code styles}. */
    float[][] styleProbabilities(float[][] styles) throws AttFindException {
        return classProbabilities(images(styles));
    }

    /** Returns the images synthesised from {@code styles} (bundle tensor rows). */
    float[][] images(float[][] styles) throws AttFindException {
        List<float[]> out = new ArrayList<>(styles.length);
        for (int start = 0; start < styles.length; start += batch) {
            int end = Math.min(styles.length, start + batch);
            float[][] part = java.util.Arrays.copyOfRange(styles, start, end);
            try {
                out.addAll(List.of(session.synthesize(part)));
            } catch (EngineException | BundleException e) {
                throw new AttFindException("synthesis failed: " + e.getMessage(), e);
            }
        }
        evaluations += styles.length;
        return out.toArray(float[][]::new);
    }

    /** Returns class probabilities of image rows (softmax of the classifier's logits when it gives logits). */
    float[][] classProbabilities(float[][] images) throws AttFindException {
        float[][] out;
        try {
            out = session.classify(images);
        } catch (EngineException | BundleException e) {
            throw new AttFindException("classifier failed: " + e.getMessage(), e);
        }
        if (logits) {
            for (float[] row : out) {
                softmaxInPlace(row);
            }
        }
        return out;
    }

    /** Returns the number of style vectors synthesised and classified so far. */
    long evaluations() {
        return evaluations;
    }

    /** Returns the session. */
    EngineSession session() {
        return session;
    }

    static void softmaxInPlace(float[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            e[i] = Math.exp(row[i] - max); // subtracting the maximum keeps exp() finite for large logits
            sum += e[i];
        }
        for (int i = 0; i < row.length; i++) {
            row[i] = (float) (e[i] / sum);
        }
    }

    static int argmax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
