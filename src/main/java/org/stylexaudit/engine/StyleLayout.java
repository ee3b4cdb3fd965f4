package org.stylexaudit.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Describes how the concatenated style vector splits into per-layer styles, in synthesis order.
 *
 * @param layers the layers, contiguous from offset 0
 */
public record StyleLayout(List<Layer> layers) {

    /** The kind of a convolution layer whose style coordinates AttFind searches. */
    public static final String CONV = "conv";
    /** The kind of a toRGB layer: part of the style vector, but not searched (as in the StylEx paper). */
    public static final String TO_RGB = "torgb";
    /**
     * The kind of a spatial code: a map the encoder writes per image, carried with the styles so that an edit keeps
     * it; not a style, never searched.
     */
    public static final String CODE = "code";

    /**
     * Describes one modulated layer of the synthesis network.
     *
     * @param name a unique layer name (also the synthesis input name when styles are fed per layer)
     * @param offset the index of the layer's first coordinate in the concatenated style vector
     * @param size the number of style coordinates (input channels of the modulated convolution)
     * @param resolution the spatial resolution the layer works at
     * @param kind {@link #CONV}, {@link #TO_RGB} or {@link #CODE}; {@code null} reads as {@link #CONV}
     */
    public record Layer(String name, int offset, int size, int resolution, String kind) {

        /** Fills in the default kind. */
        public Layer {
            kind = kind == null ? CONV : kind;
        }

        /** Returns whether AttFind searches this layer's coordinates. */
        @JsonIgnore
        public boolean searchable() {
            return CONV.equals(kind);
        }
    }

    /** Copies the list so the record stays immutable. */
    public StyleLayout {
        layers = List.copyOf(layers);
    }

    /** Returns the length of the concatenated style vector. */
    @JsonIgnore
    public int totalSize() {
        return layers.isEmpty() ? 0 : layers.get(layers.size() - 1).offset() + layers.get(layers.size() - 1).size();
    }

    /** Returns how many coordinates belong to searchable (convolution) layers. */
    @JsonIgnore
    public int searchableSize() {
        return layers.stream().filter(Layer::searchable).mapToInt(Layer::size).sum();
    }

    /** Returns the layer holding style coordinate {@code index} of the concatenated vector. */
    public Layer layerOf(int index) {
        for (Layer l : layers) {
            if (index >= l.offset() && index < l.offset() + l.size()) {
                return l;
            }
        }
        throw new IndexOutOfBoundsException("style coordinate " + index + " outside 0.." + (totalSize() - 1));
    }

    /** Returns the problems with this layout (empty when it is contiguous with unique names and known kinds). */
    List<String> problems() {
        List<String> problems = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        int expected = 0;
        for (Layer l : layers) {
            if (l.name() == null || l.name().isBlank() || !names.add(l.name())) {
                problems.add("style layer name '" + l.name() + "' is missing or repeated");
            }
            if (l.offset() != expected || l.size() <= 0 || l.resolution() <= 0) {
                problems.add("style layer '" + l.name() + "' has offset " + l.offset() + ", size " + l.size()
                        + ", resolution " + l.resolution() + "; expected offset " + expected
                        + " and positive size and resolution");
            }
            if (!CONV.equals(l.kind()) && !TO_RGB.equals(l.kind()) && !CODE.equals(l.kind())) {
                problems.add("style layer '" + l.name() + "' has kind '" + l.kind()
                        + "'; expected conv, torgb or code");
            }
            expected = l.offset() + l.size();
        }
        if (layers.isEmpty()) {
            problems.add("style layout has no layers");
        }
        return problems;
    }
}
