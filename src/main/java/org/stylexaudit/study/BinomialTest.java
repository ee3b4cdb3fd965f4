package org.stylexaudit.study;

/** The exact one-sided binomial test: is the number of correct answers larger than guessing would give? */
public final class BinomialTest {

    private BinomialTest() {
    }

    /** Returns P(X >= k) for X ~ Binomial(n, p), summed in log space so large n does not overflow. */
    public static double upperTail(int k, int n, double p) {
        if (n < 0 || k < 0 || k > n || !(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("need 0 <= k <= n and 0 <= p <= 1, got k=" + k + " n=" + n + " p=" + p);
        }
        if (k == 0) {
            return 1;
        }
        if (p == 0) {
            return 0;
        }
        if (p == 1) {
            return 1;
        }
        double sum = 0;
        double logC = logChoose(n, k);
        for (int i = k; i <= n; i++) {
            sum += Math.exp(logC + i * Math.log(p) + (n - i) * Math.log1p(-p));
            // C(n, i+1) = C(n, i) * (n - i) / (i + 1)
            logC += Math.log((double) (n - i) / (i + 1));
        }
        return Math.min(1, sum);
    }

    static double logChoose(int n, int k) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.log((double) (n - k + i) / i);
        }
        return s;
    }
}
