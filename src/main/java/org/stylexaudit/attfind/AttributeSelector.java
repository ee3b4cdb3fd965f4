package org.stylexaudit.attfind;

import java.util.ArrayList;
import java.util.List;

/**
 * The greedy per-class selection of the StylEx notebook: for target class y, over stable images the model does not
 * already assign to y, repeatedly pick the column with the largest mean positive effect toward y among images not
 * yet explained (accumulated effect below the cap), then count its effect into every image.
 */
final class AttributeSelector {

    /**
     * Mean positive effect (probability) below which a column counts as moving nothing. Past this point the greedy
     * step would only rank numerical noise, so the class gets fewer than k attributes, with a note saying so.
     */
    static final double MIN_MEAN_EFFECT = 1e-3;

    private AttributeSelector() {
    }

    /** Returns the notes for classes that got fewer than k attributes, one line each. */
    static List<String> shortfallNotes(List<Attribute> attributes, List<String> classNames, int k) {
        List<String> notes = new ArrayList<>();
        for (int y = 0; y < classNames.size(); y++) {
            int yy = y;
            long n = attributes.stream().filter(a -> a.targetClass() == yy).count();
            if (n < k) {
                notes.add(String.format(java.util.Locale.ROOT, "%s: %d of %d attributes selected; no further column "
                        + "raises its probability by %.3f or more on average over the images not yet explained",
                        classNames.get(y), n, k, MIN_MEAN_EFFECT));
            }
        }
        return notes;
    }

    /** Returns the selected attributes of every class, class by class, ids numbered A1, A2, ... in that order. */
    static List<Attribute> select(EffectTable table, EncodedImages images, boolean[] stable, SearchSpace space,
            AttFindConfig config) {
        int classes = images.reconstructed()[0].length;
        List<Attribute> out = new ArrayList<>();
        for (int y = 0; y < classes; y++) {
            for (int col : selectClass(table, images, stable, y, config.k(), config.explainedCap())) {
                EffectTable.Column c = table.columns().get(col);
                double[] stats = stats(table, stable, col, y, config.affectThreshold());
                out.add(new Attribute("A" + (out.size() + 1), y, 0, c.direction(), c.coordinate(), space.styleIndex(c.coordinate()), space.layer(c.coordinate()),
                        space.channel(c.coordinate()), stats[0], stats[1]));
            }
        }
        return renumberRanks(out);
    }

    private static List<Attribute> renumberRanks(List<Attribute> in) {
        List<Attribute> out = new ArrayList<>();
        int[] rank = new int[in.stream().mapToInt(Attribute::targetClass).max().orElse(0) + 1];
        for (Attribute a : in) {
            out.add(new Attribute(a.id(), a.targetClass(), ++rank[a.targetClass()], a.direction(), a.coordinate(),
                    a.styleIndex(), a.layer(), a.channel(), a.meanEffect(), a.shareAffected()));
        }
        return out;
    }

    /**
     * Returns the column indices chosen for class {@code y}, best first: k of them, or fewer when no remaining column
     * has a mean positive effect of at least {@link #MIN_MEAN_EFFECT}.
     */
    static List<Integer> selectClass(EffectTable table, EncodedImages images, boolean[] stable, int y, int k,
            double cap) {
        List<Integer> pool = new ArrayList<>();
        for (int i = 0; i < table.images(); i++) {
            if (stable[i] && images.predicted(i) != y) {
                pool.add(i);
            }
        }
        if (pool.isEmpty()) { // every stable image is already class y: rank by effect over all of them
            for (int i = 0; i < table.images(); i++) {
                if (stable[i]) {
                    pool.add(i);
                }
            }
        }
        int cols = table.columns().size();
        double[][] positive = new double[pool.size()][cols];
        for (int p = 0; p < pool.size(); p++) {
            for (int c = 0; c < cols; c++) {
                positive[p][c] = Math.max(0, table.effects()[pool.get(p)][c][y]);
            }
        }
        double[] accumulated = new double[pool.size()];
        boolean[] used = new boolean[cols];
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < Math.min(k, cols) && !pool.isEmpty()) {
            boolean anyOpen = false;
            for (double a : accumulated) {
                anyOpen |= a < cap;
            }
            int best = -1;
            double bestMean = -1;
            for (int c = 0; c < cols; c++) {
                if (used[c]) {
                    continue;
                }
                double sum = 0;
                int count = 0;
                for (int p = 0; p < pool.size(); p++) {
                    if (!anyOpen || accumulated[p] < cap) {
                        sum += positive[p][c];
                        count++;
                    }
                }
                double mean = sum / count;
                if (mean > bestMean) {
                    bestMean = mean;
                    best = c;
                }
            }
            if (best < 0 || bestMean < MIN_MEAN_EFFECT) {
                break;
            }
            used[best] = true;
            chosen.add(best);
            for (int p = 0; p < pool.size(); p++) {
                accumulated[p] += positive[p][best];
            }
        }
        return chosen;
    }

    /** Returns {mean effect toward y, share of stable images with effect >= threshold} of one column. */
    static double[] stats(EffectTable table, boolean[] stable, int col, int y, double threshold) {
        double sum = 0;
        int n = 0;
        int affected = 0;
        for (int i = 0; i < table.images(); i++) {
            if (!stable[i]) {
                continue;
            }
            float e = table.effects()[i][col][y];
            sum += e;
            n++;
            affected += e >= threshold ? 1 : 0;
        }
        return n == 0 ? new double[] {0, 0} : new double[] {sum / n, affected / (double) n};
    }
}
