package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Holds one network's named parameters in their own native manager, with the equalized-learning-rate multiplier
 * of each (weights are stored N(0,1) and scaled at use, so Adam's step is the same relative size in every layer).
 */
final class ParamSet implements AutoCloseable {

    private final String net;
    private final NDManager manager;
    private final Map<String, NDArray> values = new LinkedHashMap<>();
    private final Map<String, Float> gains = new LinkedHashMap<>();

    ParamSet(String net, NDManager parent) {
        this.net = net;
        this.manager = parent.newSubManager();
    }

    String net() {
        return net;
    }

    NDManager manager() {
        return manager;
    }

    /** Adds a weight drawn from N(0,1) with a runtime gain; the draw depends only on seed and name. */
    NDArray normal(String name, Shape shape, float gain, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ (net + "/" + name).hashCode() * 0x9E3779B97F4A7C15L);
        return put(name, manager.create(StylexTrainer.gaussian(r, Math.toIntExact(shape.size())), shape), gain);
    }

    /** Adds a parameter filled with one value and a runtime gain of 1. */
    NDArray constant(String name, Shape shape, float value) {
        return put(name, manager.full(shape, value), 1f);
    }

    private NDArray put(String name, NDArray a, float gain) {
        if (values.containsKey(name)) {
            throw new IllegalStateException("duplicate parameter " + net + "/" + name);
        }
        a.setName(name);
        values.put(name, a);
        gains.put(name, gain);
        return a;
    }

    NDArray get(String name) {
        NDArray a = values.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter " + net + "/" + name);
        }
        return a;
    }

    float gain(String name) {
        return gains.get(name);
    }

    Map<String, NDArray> values() {
        return Collections.unmodifiableMap(values);
    }

    long size() {
        long n = 0;
        for (NDArray a : values.values()) {
            n += a.size();
        }
        return n;
    }

    /** Switches gradient recording for every parameter of this set. */
    void setTrainable(boolean on) {
        for (NDArray a : values.values()) {
            a.setRequiresGradient(on);
        }
    }

    /** Returns a copy (same names, gains and values) in its own manager, for the moving average or Adam state. */
    ParamSet copy(String copyName, NDManager parent, boolean zeros) {
        ParamSet c = new ParamSet(copyName, parent);
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            NDArray v = zeros ? c.manager.zeros(e.getValue().getShape()) : c.manager.create(
                    e.getValue().toFloatArray(), e.getValue().getShape());
            c.put(e.getKey(), v, gains.get(e.getKey()));
        }
        return c;
    }

    /** Writes all values (name, shape, floats) in insertion order. */
    void write(DataOutputStream out) throws IOException {
        out.writeUTF(net);
        out.writeInt(values.size());
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            out.writeUTF(e.getKey());
            long[] shape = e.getValue().getShape().getShape();
            out.writeInt(shape.length);
            for (long d : shape) {
                out.writeLong(d);
            }
            float[] v = e.getValue().toFloatArray();
            for (float f : v) {
                out.writeFloat(f);
            }
        }
    }

    /** Reads values written by {@link #write} into this set, checking names and shapes. */
    void read(DataInputStream in) throws IOException {
        read(in, false);
    }

    /**
     * Reads values written by {@link #write} into this set, checking names and shapes. With {@code allowMissing}
     * (a warm start into a network that gained parameters, such as noise strengths) the parameters the stream
     * lacks keep their initial values; a stored tensor this set does not have, or one stored twice, is always an
     * error.
     *
     * @return the names of the parameters that kept their initial values
     */
    List<String> read(DataInputStream in, boolean allowMissing) throws IOException {
        String stored = in.readUTF();
        int n = in.readInt();
        if (!stored.equals(net) || (allowMissing ? n > values.size() : n != values.size())) {
            throw new IOException("checkpoint holds " + stored + " with " + n + " tensors, expected " + net + " with "
                    + values.size());
        }
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < n; k++) {
            String name = in.readUTF();
            int rank = in.readInt();
            long[] shape = new long[rank];
            for (int i = 0; i < rank; i++) {
                shape[i] = in.readLong();
            }
            NDArray target = values.get(name);
            if (target == null || !new Shape(shape).equals(target.getShape())) {
                throw new IOException("checkpoint tensor " + net + "/" + name + " " + new Shape(shape)
                        + (target == null ? " is not a parameter of this network"
                                : " does not match " + name + " " + target.getShape()));
            }
            float[] v = new float[Math.toIntExact(new Shape(shape).size())];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
            target.set(v);
            if (!seen.add(name)) {
                // A repeated name would leave another parameter at its initial value while the count still matches.
                throw new IOException("checkpoint holds " + net + "/" + name + " twice");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : values.keySet()) {
            if (!seen.contains(name)) {
                missing.add(name);
            }
        }
        return missing;
    }

    @Override
    public void close() {
        manager.close();
    }
}
