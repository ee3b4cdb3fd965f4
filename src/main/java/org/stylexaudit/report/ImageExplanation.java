package org.stylexaudit.report;

import java.util.List;
import java.util.Objects;

/**
 * Why the classifier decided as it did for one image: the attributes ranked by that image's own effect.
 *
 * @param imageKey       keyed hash of the image
 * @param predictedClass the class the classifier predicts for the original
 * @param original       the original (reconstructed) frame
 * @param ranked         attributes ranked by effect on this image, strongest first
 */
public record ImageExplanation(String imageKey, String predictedClass, Frame original, List<RankedAttribute> ranked) {

    /** Copies the list. */
    public ImageExplanation {
        Objects.requireNonNull(imageKey, "imageKey");
        Objects.requireNonNull(original, "original");
        ranked = List.copyOf(ranked);
    }

    /**
     * One attribute's effect on the image.
     *
     * @param attributeId       id of a {@link DiscoveredAttribute}, or {@code null} for a coordinate not selected
     * @param coordinate        the coordinate and direction
     * @param targetClass       the class whose probability is reported
     * @param probabilityBefore target-class probability of the original
     * @param probabilityAfter  target-class probability with the attribute applied
     * @param frame             the image with the attribute applied
     */
    public record RankedAttribute(String attributeId, StyleCoordinate coordinate, String targetClass,
                                  double probabilityBefore, double probabilityAfter, Frame frame) {
    }
}
