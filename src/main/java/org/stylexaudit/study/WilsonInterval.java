package org.stylexaudit.study;

/**
 * The Wilson score interval for a binomial proportion; unlike the normal approximation it stays inside [0, 1] and
 * keeps its coverage for small samples and proportions near 0 or 1, which is what reviewer panels produce.
 *
 * @param low  lower bound
 * @param high upper bound
 */
public record WilsonInterval(double low, double high) {

    /** z for a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    /** Returns the 95 % interval for {@code k} successes in {@code n} trials. */
    public static WilsonInterval of95(int k, int n) {
        return of(k, n, Z95);
    }

    /** Returns the interval for {@code k} successes in {@code n} trials at normal quantile {@code z}. */
    public static WilsonInterval of(int k, int n, double z) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + " n=" + n);
        }
        if (n == 0) {
            return new WilsonInterval(0, 1);
        }
        double p = (double) k / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new WilsonInterval(Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
