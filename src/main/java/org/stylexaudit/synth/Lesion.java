package org.stylexaudit.synth;

/**
 * One lesion: type, centre and radius in field-of-view units (the FOV radius is 1, origin at the FOV centre,
 * x to the image right, y down). Its irregular outline comes from the image seed and the lesion's index.
 */
public record Lesion(LesionType type, double x, double y, double radius) {

    /** Returns the distance between the centres of two lesions, in FOV units. */
    public double distanceTo(Lesion other) {
        return Math.hypot(x - other.x, y - other.y);
    }
}
