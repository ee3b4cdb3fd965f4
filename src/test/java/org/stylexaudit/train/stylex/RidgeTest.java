package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RidgeTest {

    private static double[][] rows(int n, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                row[j] = 3 * r.nextDouble() - 1;
            }
        }
        return x;
    }

    @Test
    void fit_recoversInterceptAndCoefficientsOfAnExactLinearRelation() {
        double[][] x = rows(50, 4, 1);
        double[] truth = {2.5, 1, -2, 0, 0.5};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Ridge.predict(truth, x[i]);
        }
        assertArrayEquals(truth, Ridge.fit(x, y, 1e-9), 1e-6);
    }

    @Test
    void fit_largePenaltyShrinksSlopesButKeepsTheMean() {
        double[][] x = rows(50, 3, 2);
        double[] y = new double[x.length];
        double mean = 0;
        for (int i = 0; i < x.length; i++) {
            y[i] = 4 + 3 * x[i][0];
            mean += y[i] / x.length;
        }
        double[] b = Ridge.fit(x, y, 1e9);
        assertTrue(Math.abs(b[1]) < 1e-6, "slope " + b[1]);
        assertEquals(mean, b[0], 1e-3, "the intercept is not penalized: with flat slopes it is the mean of y");
    }
}
