package org.stylexaudit.train.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvGradientCheckTest {

    @Test
    void convolutionInputAndWeightGradients_satisfyLinearity() throws Exception {
        // The suite runs with ONEDNN_MAX_CPU_ISA=AVX (pom.xml); without it this fails on some AVX-512 EPYC machines.
        double err = ConvGradientCheck.relativeError();
        assertTrue(err < 1e-5, "relative error " + err);
        assertTrue(ConvGradientCheck.fault().isEmpty());
    }
}
