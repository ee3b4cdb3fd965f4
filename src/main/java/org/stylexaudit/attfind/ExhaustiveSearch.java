package org.stylexaudit.attfind;

import java.util.List;
import org.stylexaudit.common.Progress;

/** Computes every column's effect exactly: {@code 2 x coordinates} regenerations per image. */
final class ExhaustiveSearch {

    private ExhaustiveSearch() {
    }

    static EffectTable run(ColumnEvaluator columns, SearchSpace space, EncodedImages images, double largeEffect,
            Progress progress) throws AttFindException {
        List<EffectTable.Column> all = EffectTable.allColumns(space);
        float[][][] effects = columns.evaluate(images, all, progress);
        double[] large = new double[images.size()];
        for (int i = 0; i < effects.length; i++) {
            int count = 0;
            for (float[] e : effects[i]) {
                count += ColumnEvaluator.maxAbs(e) >= largeEffect ? 1 : 0;
            }
            large[i] = count / (double) all.size();
        }
        return new EffectTable(all, effects, large);
    }
}
