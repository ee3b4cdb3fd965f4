package org.stylexaudit.train.stylex;

/**
 * Describes one modulated layer's slice of the concatenated style vector (the synthesis graph's input).
 *
 * @param name layer name, e.g. {@code b16_conv1}
 * @param kind {@code conv} (part of StyleSpace, searched by AttFind) {@code torgb} (not searched) or {@code code}
 *        (the encoder's spatial code, flattened: not a style, not searched)
 * @param resolution feature-map side the layer works at
 * @param offset first coordinate of this layer in the style vector
 * @param size number of coordinates (the layer's input channels)
 */
public record StyleLayer(String name, String kind, int resolution, int offset, int size) {
}
