package org.stylexaudit.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Holds what the operators of one imported model share: the manager of its frozen constants, the floating point
 * type it computes in, and arrays derived once from constants (scalars, resize matrices, folded BatchNorm).
 */
final class ImportedContext {

    private final NDManager constants;
    private final DataType floatType;
    private final Map<String, NDArray> cache = new HashMap<>();
    private final Set<NDArray> owned = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    ImportedContext(NDManager constants, DataType floatType) {
        this.constants = constants;
        this.floatType = floatType;
    }

    NDManager constants() {
        return constants;
    }

    DataType floatType() {
        return floatType;
    }

    /** Registers an array as a model constant so it is never handed to a caller's manager. */
    NDArray own(NDArray a) {
        owned.add(a);
        return a;
    }

    boolean isConstant(NDArray a) {
        return a != null && owned.contains(a);
    }

    /**
     * Returns a scalar as a long-lived array. Scalars made on the fly ({@code mul(Number)}) can be freed before
     * backward reads them (DJL-NOTES trap 1), so every scalar a graph needs lives as long as the model.
     */
    NDArray scalar(double v) {
        return cached("scalar/" + Double.doubleToLongBits(v), m -> floatType == DataType.FLOAT64 ? m.create(v) : m.create((float) v));
    }

    /**
     * Returns the array stored under {@code key}, making it once in the constants manager. Not computeIfAbsent:
     * makers call {@link #scalar} themselves, and a ConcurrentHashMap must not be updated from inside its own
     * computeIfAbsent.
     */
    synchronized NDArray cached(String key, Function<NDManager, NDArray> make) {
        NDArray a = cache.get(key);
        if (a == null) {
            a = own(make.apply(constants));
            cache.put(key, a);
        }
        return a;
    }
}
