package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/** The rectified linear unit {@code max(x, 0)}. */
public final class Relu extends Layer {

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        return new NDList(Activation.relu(inputs.head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        return List.of(g.node("Relu").inputs(inputs.get(0)).output(prefix + "/relu"));
    }
}
