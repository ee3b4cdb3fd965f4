package org.stylexaudit.train.stylex;

import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Measures visible properties of an image (lesion counts, colour cast, ...); the fidelity record correlates each
 * named measurement between originals and reconstructions. The synthetic-fundus probes of
 * {@code org.stylexaudit.synth.probe} are adapted to this interface.
 */
@FunctionalInterface
public interface ImageProbe {

    /** Returns named measurements of one RGB image; every image must yield the same names. */
    Map<String, Double> measure(BufferedImage image);
}
