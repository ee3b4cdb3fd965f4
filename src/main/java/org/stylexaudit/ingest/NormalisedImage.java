package org.stylexaudit.ingest;

import java.awt.image.BufferedImage;

/**
 * A square image ready for the cache, and the field of view it was cut from.
 *
 * @param image square {@code TYPE_INT_RGB} image
 * @param fov   the field of view found in the source image
 */
public record NormalisedImage(BufferedImage image, FieldOfView fov) {
}
