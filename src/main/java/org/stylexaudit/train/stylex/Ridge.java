package org.stylexaudit.train.stylex;

/**
 * Fits a ridge regression y ~ b0 + x.b with an unpenalized intercept, by Gauss-Jordan elimination on the normal
 * equations. Small (a few hundred features) and exact enough for a diagnostic read-out; no library here does only
 * this.
 */
final class Ridge {

    private Ridge() {
    }

    /** Returns [b0, b1..bp] for rows {@code x} (n x p) and targets {@code y}, penalty {@code lambda} on b1..bp. */
    static double[] fit(double[][] x, double[] y, double lambda) {
        int n = x.length;
        int p = x[0].length;
        double[] mean = new double[p];
        double my = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mean[j] += x[i][j] / n;
            }
            my += y[i] / n;
        }
        // Centred normal equations (X'X + lambda I) b = X'y, augmented with the right-hand side.
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double xj = x[i][j] - mean[j];
                for (int k = j; k < p; k++) {
                    a[j][k] += xj * (x[i][k] - mean[k]);
                }
                a[j][p] += xj * (y[i] - my);
            }
        }
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < j; k++) {
                a[j][k] = a[k][j];
            }
            a[j][j] += lambda;
        }
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[piv];
            a[piv] = tmp;
            for (int r = 0; r < p; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= p; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] b = new double[p + 1];
        double b0 = my;
        for (int j = 0; j < p; j++) {
            b[j + 1] = a[j][p] / a[j][j];
            b0 -= b[j + 1] * mean[j];
        }
        b[0] = b0;
        return b;
    }

    static double predict(double[] b, double[] row) {
        double v = b[0];
        for (int j = 0; j < row.length; j++) {
            v += b[j + 1] * row[j];
        }
        return v;
    }
}
