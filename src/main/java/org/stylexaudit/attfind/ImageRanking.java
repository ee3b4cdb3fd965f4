package org.stylexaudit.attfind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The columns that move one image's prediction most: for each evaluated column, its largest rise of a class other
 * than the predicted one, ranked strongest first.
 *
 * @param image index of the image in the run
 * @param predicted the class predicted for the reconstruction
 * @param entries ranked entries, strongest first
 */
public record ImageRanking(int image, int predicted, List<Entry> entries) {

    /**
     * One ranked column.
     *
     * @param column the direction and coordinate
     * @param targetClass the class whose probability rises most
     * @param before that class's probability on the reconstruction
     * @param after that class's probability with the column applied
     */
    public record Entry(EffectTable.Column column, int targetClass, double before, double after) {

        /** Returns the rise of the target probability. */
        public double effect() {
            return after - before;
        }
    }

    /** Copies the list. */
    public ImageRanking {
        entries = List.copyOf(entries);
    }

    /** Ranks one image's columns and keeps the best {@code keep}. */
    static ImageRanking of(int image, float[] baseline, List<EffectTable.Column> columns, float[][] effects,
            int keep) {
        int predicted = StyleEvaluator.argmax(baseline);
        List<Entry> all = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            int best = -1;
            for (int k = 0; k < baseline.length; k++) {
                if (k != predicted && (best < 0 || effects[c][k] > effects[c][best])) {
                    best = k;
                }
            }
            all.add(new Entry(columns.get(c), best, baseline[best], baseline[best] + effects[c][best]));
        }
        all.sort(Comparator.comparingDouble(Entry::effect).reversed()
                .thenComparing(e -> e.column().coordinate()).thenComparing(e -> e.column().direction()));
        return new ImageRanking(image, predicted, all.subList(0, Math.min(keep, all.size())));
    }
}
