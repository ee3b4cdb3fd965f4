package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * Splits a concatenated style vector {@code [N, sum(sizes)]} into per-layer styles {@code [N, size_i]}, so a
 * synthesis graph can take all StyleSpace coordinates as one input.
 */
public final class StyleSplit extends Layer {

    private final long[] sizes;

    /** Creates a split into consecutive column blocks of the given sizes. */
    public StyleSplit(long... sizes) {
        if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("style sizes must be positive, got " + Arrays.toString(sizes));
        }
        this.sizes = sizes.clone();
    }

    /** Returns the total style length this split expects. */
    public long totalSize() {
        return Arrays.stream(sizes).sum();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        NDArray s = inputs.head();
        if (s.getShape().dimension() != 2 || s.getShape().get(1) != totalSize()) {
            throw new IllegalArgumentException("style must be [N, " + totalSize() + "], got " + s.getShape());
        }
        if (sizes.length == 1) {
            return new NDList(s);
        }
        long[] cuts = new long[sizes.length - 1];
        long at = 0;
        for (int i = 0; i < cuts.length; i++) {
            at += sizes[i];
            cuts[i] = at;
        }
        return s.split(cuts, 1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            out[i] = new Shape(inputShapes[0].get(0), sizes[i]);
        }
        return out;
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        if (sizes.length == 1) {
            return List.of(inputs.get(0));
        }
        String[] names = new String[sizes.length];
        List<String> bases = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            bases.add(prefix + "/style" + i);
        }
        names = bases.toArray(names);
        return g.node("Split").inputs(inputs.get(0), g.addLongs(prefix + "/sizes", sizes)).attr("axis", 1L)
                .outputs(names);
    }
}
