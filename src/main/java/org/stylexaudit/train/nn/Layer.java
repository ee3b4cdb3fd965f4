package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;

/**
 * Base class of the layer set: a DJL block with fixed parameter shapes (known at construction, so no input-shape
 * inference is needed) that can also export itself to ONNX.
 */
public abstract class Layer extends AbstractBlock implements OnnxExportable {

    /** Creates a layer. */
    protected Layer() {
        super((byte) 1);
    }

    /** Adds a trainable parameter of a fixed shape with the given initializer. */
    protected final Parameter param(String name, Parameter.Type type, Shape shape, Initializer init) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape)
                .optInitializer(init).build());
    }

    /** Adds a non-trainable state array (running statistics). */
    protected final Parameter state(String name, Parameter.Type type, Shape shape, Initializer init) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(shape)
                .optInitializer(init).optRequiresGrad(false).build());
    }

    /** Returns a normal initializer with standard deviation {@code sigma}. */
    protected static Initializer normal(double sigma) {
        return new NormalInitializer((float) sigma);
    }

    /** Returns the value of {@code p} for this forward pass on the device of {@code like}. */
    protected static NDArray value(ParameterStore store, Parameter p, NDArray like, boolean training) {
        return store.getValue(p, like.getDevice(), training);
    }

    /**
     * Returns a rank-0 float array in {@code like}'s manager. Scalars are made as arrays on purpose:
     * {@code NDArray.mul(Number)} can free the scalar's buffer before backward reads it (DJL-NOTES trap 1), and
     * an array in the step's manager lives until the step is done.
     */
    protected static NDArray scalar(NDArray like, double value) {
        return like.getManager().create((float) value);
    }

    /** Returns {@code array * factor}, skipping the multiplication when the factor is 1. */
    protected static NDArray scaled(NDArray like, NDArray array, double factor) {
        return factor == 1.0 ? array : scalar(like, factor).mul(array);
    }

    /**
     * Moves {@code derived} (computed from a parameter, e.g. a reshape) into {@code like}'s manager. A result
     * belongs to its first operand's manager, so without this it would pile up in the parameters' manager
     * until the model is closed (DJL-NOTES trap 4).
     */
    protected static NDArray own(NDArray like, NDArray derived) {
        derived.attach(like.getManager());
        return derived;
    }

    /** Returns the current value of a parameter for export (the array the block was trained with). */
    protected static NDArray exported(Parameter p) {
        if (!p.isInitialized()) {
            throw new IllegalStateException("parameter " + p.getName() + " is not initialised; initialise the "
                    + "block before exporting it");
        }
        return p.getArray();
    }

    /** Checks that a forward pass got exactly {@code n} inputs. */
    protected final void expectInputs(NDList inputs, int n) {
        if (inputs.size() != n) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " expects " + n + " input(s), got "
                    + inputs.size());
        }
    }
}
