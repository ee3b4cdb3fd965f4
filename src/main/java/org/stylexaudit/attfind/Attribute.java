package org.stylexaudit.attfind;

/**
 * One selected attribute: a direction of a style coordinate that pushes the classifier toward a class.
 *
 * @param id short id within the run ({@code A1}, {@code A2}, ...)
 * @param targetClass index of the class the attribute pushes toward
 * @param rank 1-based rank in its class's greedy selection
 * @param direction +1 (coordinate to its maximum) or -1 (to its minimum)
 * @param coordinate searchable coordinate index
 * @param styleIndex index in the concatenated style vector
 * @param layer style layer name
 * @param channel channel inside the layer
 * @param meanEffect mean change of the target-class probability over the stable images
 * @param shareAffected share of stable images whose target probability rises by at least the affect threshold
 */
public record Attribute(String id, int targetClass, int rank, int direction, int coordinate, int styleIndex,
        String layer, int channel, double meanEffect, double shareAffected) {

    /** Returns the column this attribute applies. */
    public EffectTable.Column column() {
        return new EffectTable.Column(direction, coordinate);
    }

    /** Returns a label such as {@code b16_conv1 #17 +}. */
    public String label() {
        return layer + " #" + channel + (direction > 0 ? " +" : " -");
    }
}
