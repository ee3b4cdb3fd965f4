package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * StyleGAN2's learned constant: a {@code [C, S, S]} tensor, N(0, 1) at start, repeated for every sample. The
 * forward input is any tensor whose first dimension is the batch size (e.g. the style vector); only its batch
 * size is used, so an exported synthesis graph needs no extra input.
 */
public final class ConstantInput extends Layer {

    private final int channels;
    private final int size;
    private final Parameter constant;

    /** Creates a learned constant of {@code channels x size x size}. */
    public ConstantInput(int channels, int size) {
        this.channels = channels;
        this.size = size;
        this.constant = param("constant", Parameter.Type.WEIGHT, new Shape(1, channels, size, size), normal(1.0));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        NDArray like = inputs.head();
        long n = like.getShape().get(0);
        return new NDList(own(like, value(store, constant, like, training).broadcast(n, channels, size, size)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), channels, size, size)};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        String batch = g.node("Shape").inputs(inputs.get(0)).attr("start", 0L).attr("end", 1L)
                .output(prefix + "/batch");
        String rest = g.addLongs(prefix + "/chw", channels, size, size);
        String shape = g.node("Concat").inputs(batch, rest).attr("axis", 0L).output(prefix + "/shape");
        String c = g.addInitializer(prefix + "/constant", exported(constant));
        return List.of(g.node("Expand").inputs(c, shape).output(prefix + "/const"));
    }
}
