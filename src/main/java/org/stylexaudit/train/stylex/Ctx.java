package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries one step's scratch manager and the long-lived scalar constants a forward pass needs.
 *
 * <p>Two DJL traps shape this class. Scalar arithmetic ({@code mul(Number)}) inside a training graph can free the
 * scalar before backward reads it, so every scalar is an array kept alive here for the trainer's lifetime. And a
 * result belongs to its first operand's manager, so scaled weights are moved into the step manager right away
 * instead of piling up in the parameters' manager.
 */
final class Ctx {

    private final NDManager step;
    private final NDManager constants;
    private final Map<Float, NDArray> cache;
    private final long[] flops;
    private final int bucket;

    Ctx(NDManager step, NDManager constants, Map<Float, NDArray> cache, long[] flops, int bucket) {
        this.step = step;
        this.constants = constants;
        this.cache = cache;
        this.flops = flops;
        this.bucket = bucket;
    }

    /** Adds the forward floating-point operations of one convolution or matrix product to the trainer's tally. */
    void countFlops(long n) {
        flops[bucket] += n;
    }

    /**
     * Returns this context for a pass whose result is detached before any backward (the discriminator step's fake
     * images), so its operations are tallied apart from those that are also differentiated.
     */
    Ctx withoutBackward() {
        return new Ctx(step, constants, cache, flops, 1);
    }

    /** Creates a constants holder whose arrays live in {@code constants} until it is closed. */
    static Ctx.Constants constants(NDManager parent) {
        return new Constants(parent.newSubManager());
    }

    NDManager manager() {
        return step;
    }

    /** Returns a 0-d array holding {@code v}, created once and kept alive. */
    NDArray c(float v) {
        return cache.computeIfAbsent(v, k -> constants.full(new Shape(), k));
    }

    /** Returns parameter {@code name} times its equalized-lr gain, owned by the step manager. */
    NDArray w(ParamSet p, String name) {
        NDArray raw = p.get(name);
        float g = p.gain(name);
        NDArray scaled = g == 1f ? raw.add(c(0f)) : raw.mul(c(g));
        scaled.attach(step);
        return scaled;
    }

    /** Attaches an array to the step manager and returns it. */
    NDArray own(NDArray a) {
        a.attach(step);
        return a;
    }

    /** Owns the constant arrays for a trainer's lifetime. */
    static final class Constants implements AutoCloseable {
        private final NDManager manager;
        private final Map<Float, NDArray> cache = new HashMap<>();
        private final long[] flops = new long[2];

        Constants(NDManager manager) {
            this.manager = manager;
        }

        /** Returns a context for one step whose temporaries live in {@code step}. */
        Ctx on(NDManager step) {
            return new Ctx(step, manager, cache, flops, 0);
        }

        /**
         * Returns the forward FLOPs of the trainer's own convolutions and matrix products since it was created
         * (2 per multiply-add; the imported classifier and element-wise operators are not counted).
         */
        long forwardFlops() {
            return flops[0] + flops[1];
        }

        /** Returns the part of {@link #forwardFlops()} that no backward pass follows. */
        long forwardOnlyFlops() {
            return flops[1];
        }

        @Override
        public void close() {
            cache.clear();
            manager.close();
        }
    }
}
