package org.stylexaudit.train.stylex;

import java.awt.image.BufferedImage;

/**
 * Measures one visible property of an image (a lesion count, a colour cast); the fidelity record correlates it
 * between originals and reconstructions. Implementations come from {@code org.stylexaudit.synth.probe}.
 */
public interface ImageProbe {

    /** Returns the probe's name, used as the key in the fidelity record. */
    String name();

    /** Returns the measurement for one RGB image. */
    double measure(BufferedImage image);
}
