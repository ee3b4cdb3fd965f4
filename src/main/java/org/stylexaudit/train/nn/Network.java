package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;

/**
 * Base class for networks with several inputs or a non-sequential flow (a synthesis network taking a constant and
 * style vectors, a conditional discriminator): subclasses register children with {@link #child}, write
 * {@code forwardInternal} by calling them, and export by calling their {@code export} in the same order.
 *
 * <p>Layers of this set have parameter shapes fixed at construction, so every child is initialised without shape
 * inference ({@code initialize(manager, FLOAT32, anyShapes)} works).
 */
public abstract class Network extends AbstractBlock implements OnnxExportable {

    /** Creates a network. */
    protected Network() {
        super((byte) 1);
    }

    /** Registers a child block under {@code name} and returns it. */
    protected final <B extends Block> B child(String name, B block) {
        return addChildBlock(name, block);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}
