package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/** Averages each channel over height and width: {@code [N, C, H, W] -> [N, C]}. */
public final class GlobalAvgPool extends Layer {

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        NDArray x = inputs.head();
        return new NDList(Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1))};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        String pooled = g.node("GlobalAveragePool").inputs(inputs.get(0)).output(prefix + "/gap");
        return List.of(g.node("Flatten").inputs(pooled).attr("axis", 1L).output(prefix + "/flat"));
    }
}
