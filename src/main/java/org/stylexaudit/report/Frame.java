package org.stylexaudit.report;

import java.util.Objects;

/**
 * One generated image with the classifier's probability of the attribute's target class.
 *
 * @param shift       shift applied to the coordinate, in multiples of the AttFind shift factor (0 = original)
 * @param probability classifier probability of the target class for this frame
 * @param image       PNG file name relative to the findings folder's {@code frames/} directory
 */
public record Frame(double shift, double probability, String image) {

    /** Checks the probability range and that the image reference stays inside the frames folder. */
    public Frame {
        Objects.requireNonNull(image, "image");
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("frame " + image + " probability must be in [0, 1], got " + probability);
        }
        if (image.contains("..") || image.startsWith("/") || image.contains("\\")) {
            throw new IllegalArgumentException("frame image must be a plain relative name, got " + image);
        }
    }
}
