package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StylexConfigTest {

    @Test
    void with_knownName_setsThatValueOnly() {
        StylexConfig d = StylexConfig.defaults();
        StylexConfig c = d.with("lrEncoder", "2e-4").with("noiseEvery", "4").with("skipUpsample", "nearest");
        assertEquals(2e-4f, c.lrEncoder());
        assertEquals(4, c.noiseEvery());
        assertEquals("nearest", c.skipUpsample());
        assertEquals(d.lrSynthesis(), c.lrSynthesis());
        assertEquals("lrEncoder: 0.001 -> 2.0E-4, noiseEvery: 2 -> 4, skipUpsample: bilinear -> nearest",
                c.differencesFrom(d));
    }

    @Test
    void with_unknownNameOrBadValue_failsNamingTheProblem() {
        StylexConfig d = StylexConfig.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.with("lrEncodr", "1"));
        assertTrue(e.getMessage().contains("unknown hyper-parameter lrEncodr") && e.getMessage().contains("lrEncoder"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.with("batch", "sixteen"));
        assertTrue(e.getMessage().contains("batch needs an integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.with("resolution", "48"));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.with("skipUpsample", "cubic"));
        assertTrue(e.getMessage().contains("skipUpsample"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.withBatch(1));
        assertTrue(e.getMessage().contains("wNorm \"batch\" needs a batch of at least 2"), e.getMessage());
        assertEquals(1, d.with("wNorm", "none").withBatch(1).batch());
    }

    @Test
    void sameArchitectureAs_ignoresSchedulesButNotNetworkShapes() {
        StylexConfig d = StylexConfig.defaults();
        assertTrue(d.sameArchitectureAs(d.with("lrEncoder", "2e-4").with("seed", "5").with("batch", "8")));
        assertFalse(d.sameArchitectureAs(d.with("wDim", "128")));
        assertFalse(d.sameArchitectureAs(d.withResolution(32)));
        assertFalse(d.sameArchitectureAs(d.with("wNorm", "none")), "standardized and raw w feed the affines differently");
        assertFalse(d.resumableAs(d.with("lrEncoder", "2e-4")));
        assertTrue(d.sameArchitectureAs(d.with("noiseMaps", "fixed")), "a warm start may add noise inputs");
        assertFalse(d.resumableAs(d.with("noiseMaps", "fixed")));
        assertTrue(d.resumableAs(d.with("fidelityImages", "1024")), "the fidelity sample is read at export only");
        assertFalse(d.resumableAs(d.with("tailWeight", "1")), "a loss weight changes the weights it trains");
        assertThrows(IllegalArgumentException.class, () -> d.with("tailWeight", "-1"));
        assertThrows(IllegalArgumentException.class, () -> d.with("tailTiles", "3"), "3 does not divide 64");
        assertThrows(IllegalArgumentException.class, () -> d.with("tailOpponent", "-0.5"));
        assertFalse(d.resumableAs(d.with("tailOpponent", "1")));
    }

    @Test
    void constructor_missingNewerSettings_readAsOlderCheckpointsWereTrained() {
        StylexConfig d = StylexConfig.defaults();
        StylexConfig old = new StylexConfig(d.seed(), d.resolution(), d.batch(), d.steps(), d.wDim(), d.zDim(),
                d.mappingLayers(), d.channelBase(), d.channelMax(), d.lrSynthesis(), d.lrStyles(), d.lrEncoder(),
                d.lrMapping(), d.lrDiscriminator(), d.beta1(), d.beta2(), d.adamEps(), d.warmupSteps(),
                d.advWeight(), d.recL1Weight(), d.recPyramidWeight(), d.wRecWeight(), d.klWeight(), d.r1Gamma(),
                d.r1Interval(), d.noiseEvery(), d.emaHalfLifeImages(), d.checkpointMinutes(), d.logEvery(),
                d.evalEvery(), d.evalImages(), d.heldOutFraction(), d.fidelityImages(), d.classifierInput(), null, null, null,
                0f, null, 0, 0f, 0, 0f, 0);
        assertEquals("nearest", old.skipUpsample());
        assertEquals("l1", old.wRecLoss());
        assertEquals("none", old.wNorm());
        assertEquals("none", old.noiseMaps());
        assertEquals(0, old.texturePeakPower());
        assertEquals(1, old.tailTiles(), "the tail term compared the whole field before tiles existed");
        assertEquals(0f, old.tailOpponent(), "and no opponent band");
        assertEquals(0, old.codeSize(), "and no spatial code");
    }
}
