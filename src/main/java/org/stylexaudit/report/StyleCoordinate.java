package org.stylexaudit.report;

import java.util.Objects;

/**
 * One StyleSpace coordinate moved in one direction: the identity of an attribute.
 *
 * @param layer     style layer name from the bundle's style layout
 * @param channel   channel index inside that layer
 * @param direction {@code +1} when the attribute raises the coordinate, {@code -1} when it lowers it
 */
public record StyleCoordinate(String layer, int channel, int direction) {

    /** Checks the direction. */
    public StyleCoordinate {
        Objects.requireNonNull(layer, "layer");
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction must be +1 or -1, got " + direction);
        }
        if (channel < 0) {
            throw new IllegalArgumentException("channel must be >= 0, got " + channel);
        }
    }

    /** Returns a short label such as {@code b64_conv1 #17 +}. */
    public String label() {
        return layer + " #" + channel + (direction > 0 ? " +" : " \u2212");
    }
}
