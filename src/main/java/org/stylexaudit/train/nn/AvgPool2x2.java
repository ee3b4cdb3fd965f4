package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/** Average pooling over non-overlapping 2x2 windows: halves height and width (odd sizes drop the last row). */
public final class AvgPool2x2 extends Layer {

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        return new NDList(Pool.avgPool2d(inputs.head(), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0),
                false, true));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) / 2, s.get(3) / 2)};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        return List.of(g.node("AveragePool").inputs(inputs.get(0)).attr("kernel_shape", 2, 2)
                .attr("strides", 2, 2).output(prefix + "/avgpool"));
    }
}
