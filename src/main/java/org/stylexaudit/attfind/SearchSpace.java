package org.stylexaudit.attfind;

import java.util.ArrayList;
import java.util.List;
import org.stylexaudit.engine.StyleLayout;

/**
 * The searchable style coordinates of a bundle (those of convolution layers; toRGB styles are not searched, as in
 * the paper), numbered 0..size-1, with their place in the concatenated style vector.
 */
public final class SearchSpace {

    private final int[] styleIndex;
    private final String[] layer;
    private final int[] channel;

    /** Builds the space from a bundle's style layout. */
    public SearchSpace(StyleLayout layout) {
        List<Integer> idx = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Integer> channels = new ArrayList<>();
        for (StyleLayout.Layer l : layout.layers()) {
            if (!l.searchable()) {
                continue;
            }
            for (int c = 0; c < l.size(); c++) {
                idx.add(l.offset() + c);
                names.add(l.name());
                channels.add(c);
            }
        }
        styleIndex = idx.stream().mapToInt(Integer::intValue).toArray();
        layer = names.toArray(String[]::new);
        channel = channels.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Returns the number of searchable coordinates. */
    public int size() {
        return styleIndex.length;
    }

    /** Returns the index in the concatenated style vector of searchable coordinate {@code j}. */
    public int styleIndex(int j) {
        return styleIndex[j];
    }

    /** Returns the layer name of searchable coordinate {@code j}. */
    public String layer(int j) {
        return layer[j];
    }

    /** Returns the channel inside its layer of searchable coordinate {@code j}. */
    public int channel(int j) {
        return channel[j];
    }

    /** Returns a label such as {@code b16_conv1 #17 +}. */
    public String label(int j, int direction) {
        return layer[j] + " #" + channel[j] + (direction > 0 ? " +" : " -");
    }
}
