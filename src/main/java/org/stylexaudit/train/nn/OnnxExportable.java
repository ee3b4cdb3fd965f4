package org.stylexaudit.train.nn;

import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * Writes a block's inference computation into an ONNX graph, using its current parameter values.
 *
 * <p>The exported graph computes what {@code forward(..., training=false, ...)} computes in DJL.
 */
public interface OnnxExportable {

    /**
     * Adds the nodes and initializers of this block to {@code graph}.
     *
     * @param graph the graph being built
     * @param prefix a name prefix for the tensors this block creates (e.g. {@code "g/b1/conv0"})
     * @param inputs tensor names of the block's inputs, in the order of its forward {@code NDList}
     * @return tensor names of the block's outputs, in the order of its forward {@code NDList}
     */
    List<String> export(OnnxGraph graph, String prefix, List<String> inputs);

    /** Exports a block with one input and one output; returns the output's tensor name. */
    default String export(OnnxGraph graph, String prefix, String input) {
        List<String> out = export(graph, prefix, List.of(input));
        if (out.size() != 1) {
            throw new IllegalStateException(getClass().getSimpleName() + " has " + out.size() + " outputs, not 1");
        }
        return out.get(0);
    }
}
