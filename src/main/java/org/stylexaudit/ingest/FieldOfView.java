package org.stylexaudit.ingest;

/**
 * Where the imaged area lies in a source image, in source pixel units (pixel {@code i} covers {@code [i, i + 1)}).
 *
 * @param centreX  centre column
 * @param centreY  centre row
 * @param radius   radius of the circular field of view, or half the side of the content's bounding square
 * @param circular true when a circular field of view (a fundus photograph) was found; false when the image has
 *                 no such circle and its non-background content was framed instead
 */
public record FieldOfView(double centreX, double centreY, double radius, boolean circular) {
}
