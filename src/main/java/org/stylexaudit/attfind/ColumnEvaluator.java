package org.stylexaudit.attfind;

import java.util.List;
import org.stylexaudit.common.Progress;

/**
 * Evaluates columns exactly: for each image, regenerates it with one coordinate moved and records the change of
 * every class probability. All columns of an image go through ONNX Runtime in batches of shifted style vectors.
 */
final class ColumnEvaluator {

    private final StyleEvaluator evaluator;
    private final SearchSpace space;
    private final StyleRange range;
    private final double shift;

    ColumnEvaluator(StyleEvaluator evaluator, SearchSpace space, StyleRange range, double shift) {
        this.evaluator = evaluator;
        this.space = space;
        this.range = range;
        this.shift = shift;
    }

    /** Returns {@code effects[image][column][class]} for the given columns. */
    float[][][] evaluate(EncodedImages images, List<EffectTable.Column> columns, Progress progress)
            throws AttFindException {
        int n = images.size();
        float[][][] effects = new float[n][][];
        progress.start("evaluating " + columns.size() + " columns on " + n + " images", n);
        for (int i = 0; i < n; i++) {
            effects[i] = evaluateImage(images.styles()[i], images.reconstructed()[i], columns);
            progress.advance(i + 1, "");
        }
        progress.finish();
        return effects;
    }

    /** Returns {@code effects[column][class]} of one image. */
    float[][] evaluateImage(float[] styles, float[] baseline, List<EffectTable.Column> columns)
            throws AttFindException {
        float[][] shifted = new float[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            shifted[c] = shifted(styles, columns.get(c));
        }
        float[][] p = evaluator.styleProbabilities(shifted);
        for (float[] row : p) {
            for (int k = 0; k < row.length; k++) {
                row[k] -= baseline[k];
            }
        }
        return p;
    }

    /** Returns a copy of {@code styles} with the column's coordinate moved. */
    float[] shifted(float[] styles, EffectTable.Column column) {
        return shifted(styles, column, 1.0);
    }

    /** Returns a copy of {@code styles} with the column's coordinate moved by {@code amount} times the shift. */
    float[] shifted(float[] styles, EffectTable.Column column, double amount) {
        float[] s = styles.clone();
        int idx = space.styleIndex(column.coordinate());
        s[idx] = range.shifted(s[idx], idx, column.direction(), shift * amount);
        return s;
    }

    /** Returns the largest absolute effect of one column on any class. */
    static float maxAbs(float[] effect) {
        float m = 0;
        for (float v : effect) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
