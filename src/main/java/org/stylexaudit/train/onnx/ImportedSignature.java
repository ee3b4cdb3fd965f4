package org.stylexaudit.train.onnx;

import java.util.Arrays;

/**
 * Names one graph input or output and its declared shape.
 *
 * @param name the ONNX value name
 * @param shape the declared dimensions, {@code -1} where the model leaves a dimension symbolic (batch size)
 */
public record ImportedSignature(String name, long[] shape) {

    /** Copies the shape so the record stays immutable. */
    public ImportedSignature {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImportedSignature s && s.name.equals(name) && Arrays.equals(s.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
