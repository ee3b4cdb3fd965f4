package org.stylexaudit.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Checks the statistics against published worked examples. */
class StatisticsTest {

    @Test
    void wilson_newcombe1998Examples_match() {
        // Newcombe (1998), Statistics in Medicine 17:857, table I, method 3 (Wilson score, no continuity correction)
        assertInterval(WilsonInterval.of95(81, 263), 0.2553, 0.3662);
        assertInterval(WilsonInterval.of95(15, 148), 0.0624, 0.1605);
        assertInterval(WilsonInterval.of95(0, 20), 0.0000, 0.1611);
        assertInterval(WilsonInterval.of95(1, 29), 0.0061, 0.1718);
    }

    @Test
    void wilson_eightOfTen_matchesHandComputation() {
        // centre = (0.8 + 1.96^2/20) / (1 + 1.96^2/10) = 0.7167; half = 1.96 sqrt(0.016 + 0.009604) / 1.38415 = 0.2266
        assertInterval(WilsonInterval.of95(8, 10), 0.4902, 0.9433);
    }

    @Test
    void wilson_noTrials_isWholeRange() {
        assertEquals(new WilsonInterval(0, 1), WilsonInterval.of95(0, 0));
        assertThrows(IllegalArgumentException.class, () -> WilsonInterval.of95(3, 2));
    }

    private static void assertInterval(WilsonInterval w, double lo, double hi) {
        assertEquals(lo, w.low(), 5e-5, "low");
        assertEquals(hi, w.high(), 5e-5, "high");
    }

    @Test
    void binomial_eightOfTenFairCoin_is56Over1024() {
        // P(X>=8) = (C(10,8) + C(10,9) + C(10,10)) / 2^10 = (45 + 10 + 1) / 1024
        assertEquals(56.0 / 1024, BinomialTest.upperTail(8, 10, 0.5), 1e-12);
    }

    @Test
    void binomial_fourOfFiveThreeClasses_is11Over243() {
        // P(X>=4) = 5 (1/3)^4 (2/3) + (1/3)^5 = 10/243 + 1/243
        assertEquals(11.0 / 243, BinomialTest.upperTail(4, 5, 1.0 / 3), 1e-12);
    }

    @Test
    void binomial_edges_areExact() {
        assertEquals(1.0, BinomialTest.upperTail(0, 7, 0.3), 0);
        assertEquals(Math.pow(0.3, 7), BinomialTest.upperTail(7, 7, 0.3), 1e-15);
        double big = BinomialTest.upperTail(900, 1000, 0.5);
        assertTrue(big > 0 && big < 1e-100, "large n stays finite: " + big);
    }

    @Test
    void fleiss_wikipediaExample_is0210() {
        // Fleiss (1971) style worked example: 10 subjects, 14 raters, 5 categories; P-bar 0.378, Pe 0.213, kappa 0.210
        int[][] t = {
            {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        assertEquals(0.210, FleissKappa.of(t), 5e-4);
    }

    @Test
    void fleiss_perfectAgreement_isOne() {
        assertEquals(1.0, FleissKappa.of(new int[][] {{3, 0}, {0, 3}, {3, 0}}), 1e-12);
    }

    @Test
    void fleiss_unequalRaters_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> FleissKappa.of(new int[][] {{3, 0}, {1, 1}}));
        assertTrue(Double.isNaN(FleissKappa.of(new int[][] {{1, 0}})));
    }
}
