package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * A sequence of exportable blocks, each fed the previous one's output.
 *
 * <p>Layers of this set have parameter shapes fixed at construction, so initialisation needs no shape inference:
 * every child is initialised with the chain's input shapes.
 *
 * <pre>{@code
 * Chain net = new Chain().with(Conv.builder(3, 16, 3).samePadding().build()).with(new Relu());
 * }</pre>
 */
public class Chain extends SequentialBlock implements OnnxExportable {

    /** Appends a block that can export itself; returns this chain. */
    public Chain with(Block block) {
        if (!(block instanceof OnnxExportable)) {
            throw new IllegalArgumentException(block.getClass().getSimpleName() + " cannot be exported to ONNX");
        }
        add(block);
        return this;
    }

    @Override
    public void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        List<String> current = new ArrayList<>(inputs);
        int i = 0;
        for (Block child : getChildren().values()) {
            if (!(child instanceof OnnxExportable exportable)) {
                throw new IllegalStateException("block " + i + " of " + prefix + " ("
                        + child.getClass().getSimpleName() + ") cannot be exported to ONNX");
            }
            current = exportable.export(g, prefix + "/" + i++, current);
        }
        return current;
    }
}
