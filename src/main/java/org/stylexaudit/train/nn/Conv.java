package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * A 2-D convolution (square kernel, stride, zero padding, groups, optional bias) on NCHW input, with optional
 * equalized learning rate.
 *
 * <pre>{@code
 * Conv conv = Conv.builder(3, 16, 3).padding(1).build();
 * }</pre>
 */
public final class Conv extends Layer {

    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int groups;
    private final double weightScale;
    private final Parameter weight;
    private final Parameter bias;

    private Conv(Builder b) {
        if (b.in % b.groups != 0 || b.out % b.groups != 0) {
            throw new IllegalArgumentException("channels " + b.in + "->" + b.out + " not divisible by groups "
                    + b.groups);
        }
        this.in = b.in;
        this.out = b.out;
        this.kernel = b.kernel;
        this.stride = b.stride;
        this.padding = b.padding;
        this.groups = b.groups;
        double fanIn = (double) b.in / b.groups * b.kernel * b.kernel;
        WeightInit init = WeightInit.of(b.equalized, b.gain, fanIn);
        this.weightScale = init.runtimeScale();
        this.weight = param("weight", Parameter.Type.WEIGHT, new Shape(out, in / groups, kernel, kernel),
                normal(init.initStd()));
        this.bias = b.bias ? param("bias", Parameter.Type.BIAS, new Shape(out), Initializer.ZEROS) : null;
    }

    /** Starts a convolution from {@code in} to {@code out} channels with a {@code kernel x kernel} kernel. */
    public static Builder builder(int in, int out, int kernel) {
        return new Builder(in, out, kernel);
    }

    /** Returns the number of output channels. */
    public int outChannels() {
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        NDArray x = inputs.head();
        NDArray w = scaled(x, value(store, weight, x, training), weightScale);
        NDArray b = bias == null ? null : value(store, bias, x, training);
        return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1),
                groups);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, outSize(s.get(2)), outSize(s.get(3)))};
    }

    private long outSize(long size) {
        return (size + 2L * padding - kernel) / stride + 1;
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        NDArray w = exported(weight);
        String wName;
        try (NDArray effective = w.mul(weightScale)) {
            wName = g.addInitializer(prefix + "/weight", effective);
        }
        OnnxGraph.Node node = g.node("Conv").inputs(inputs.get(0), wName);
        if (bias != null) {
            node.inputs(g.addInitializer(prefix + "/bias", exported(bias)));
        }
        return List.of(node.attr("kernel_shape", kernel, kernel).attr("strides", stride, stride)
                .attr("pads", padding, padding, padding, padding).attr("group", (long) groups)
                .output(prefix + "/conv"));
    }

    /** Options of a {@link Conv}; defaults: stride 1, no padding, 1 group, bias, no equalized lr, gain 1. */
    public static final class Builder {
        private final int in;
        private final int out;
        private final int kernel;
        private int stride = 1;
        private int padding;
        private int groups = 1;
        private boolean bias = true;
        private boolean equalized;
        private double gain = 1.0;

        private Builder(int in, int out, int kernel) {
            this.in = in;
            this.out = out;
            this.kernel = kernel;
        }

        /** Sets the stride in both directions. */
        public Builder stride(int value) {
            this.stride = value;
            return this;
        }

        /** Sets the zero padding on every side. */
        public Builder padding(int value) {
            this.padding = value;
            return this;
        }

        /** Pads by {@code kernel / 2} so that stride 1 keeps the size (odd kernels). */
        public Builder samePadding() {
            this.padding = kernel / 2;
            return this;
        }

        /** Sets the number of channel groups. */
        public Builder groups(int value) {
            this.groups = value;
            return this;
        }

        /** Turns the bias on or off. */
        public Builder bias(boolean value) {
            this.bias = value;
            return this;
        }

        /**
         * Stores weights as N(0, 1) and scales them by {@code gain / sqrt(fan_in)} at run time (StyleGAN's
         * equalized learning rate); without it weights start He-normal with std {@code gain / sqrt(fan_in)}.
         */
        public Builder equalizedLr(boolean value) {
            this.equalized = value;
            return this;
        }

        /** Sets the gain of the weight scale (1 by default; sqrt(2) before a ReLU-like activation). */
        public Builder gain(double value) {
            this.gain = value;
            return this;
        }

        /** Builds the convolution. */
        public Conv build() {
            return new Conv(this);
        }
    }
}
