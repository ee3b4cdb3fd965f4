package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * Nearest-neighbour upsampling by 2 in height and width. Followed by a convolution it replaces a transposed
 * convolution, which DJL's PyTorch engine does not implement (DJL-NOTES trap 3).
 */
public final class Upsample2x extends Layer {

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        NDArray x = inputs.head();
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        // Each pixel becomes a 2x2 block: insert unit axes after H and W, broadcast them to 2, fold back.
        NDArray y = x.reshape(n, c, h, 1, w, 1).broadcast(n, c, h, 2, w, 2).reshape(n, c, 2 * h, 2 * w);
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), 2 * s.get(2), 2 * s.get(3))};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        String scales = g.addInitializer(prefix + "/scales", new long[] {4}, new float[] {1f, 1f, 2f, 2f});
        // "asymmetric" + "floor" maps output pixel i to input pixel floor(i / 2): exact nearest-neighbour copy.
        return List.of(g.node("Resize").inputs(inputs.get(0), "", scales).attr("mode", "nearest")
                .attr("coordinate_transformation_mode", "asymmetric").attr("nearest_mode", "floor")
                .output(prefix + "/up"));
    }
}
