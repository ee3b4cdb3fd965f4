package org.stylexaudit.study;

/**
 * Fleiss' kappa: agreement among a fixed number of raters assigning subjects to categories, beyond chance
 * (Fleiss 1971). Input is a subjects x categories table of counts with the same row sum for every subject.
 */
public final class FleissKappa {

    private FleissKappa() {
    }

    /**
     * Returns kappa for {@code counts[subject][category]}, or NaN when it is undefined (fewer than two raters or
     * subjects, or chance agreement of 1 because everyone always used one category).
     */
    public static double of(int[][] counts) {
        int subjects = counts.length;
        if (subjects < 1) {
            return Double.NaN;
        }
        int categories = counts[0].length;
        int raters = rowSum(counts[0]);
        if (raters < 2) {
            return Double.NaN;
        }
        double[] pj = new double[categories];
        double pBar = 0;
        for (int[] row : counts) {
            if (row.length != categories || rowSum(row) != raters) {
                throw new IllegalArgumentException("every subject needs " + raters + " ratings over " + categories
                        + " categories; got a row summing to " + rowSum(row));
            }
            double agree = 0;
            for (int j = 0; j < categories; j++) {
                pj[j] += row[j];
                agree += (double) row[j] * (row[j] - 1);
            }
            pBar += agree / ((double) raters * (raters - 1));
        }
        pBar /= subjects;
        double pe = 0;
        for (int j = 0; j < categories; j++) {
            double share = pj[j] / ((double) subjects * raters);
            pe += share * share;
        }
        if (pe >= 1) {
            return Double.NaN;
        }
        return (pBar - pe) / (1 - pe);
    }

    private static int rowSum(int[] row) {
        int s = 0;
        for (int v : row) {
            s += v;
        }
        return s;
    }
}
