package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * A fully connected layer {@code y = x W^T + b} on {@code [N, in]} input, with optional equalized learning rate,
 * learning-rate multiplier (StyleGAN's mapping network uses 0.01) and bias initial value (StyleGAN's style affines
 * start their bias at 1 so that styles start near identity).
 *
 * <pre>{@code
 * Dense affine = Dense.builder(512, 256).equalizedLr(true).biasInit(1).build();
 * }</pre>
 */
public final class Dense extends Layer {

    private final int in;
    private final int out;
    private final double weightScale;
    private final double biasScale;
    private final Parameter weight;
    private final Parameter bias;

    private Dense(Builder b) {
        this.in = b.in;
        this.out = b.out;
        WeightInit init = WeightInit.of(b.equalized, b.gain, b.in, b.lrMultiplier);
        this.weightScale = init.runtimeScale();
        this.biasScale = b.equalized ? b.lrMultiplier : 1.0;
        this.weight = param("weight", Parameter.Type.WEIGHT, new Shape(out, in), normal(init.initStd()));
        // The stored bias is divided by its run-time scale so that the effective bias starts at biasInit.
        this.bias = b.bias ? param("bias", Parameter.Type.BIAS, new Shape(out),
                new ConstantInitializer((float) (b.biasInit / biasScale))) : null;
    }

    /** Starts a linear layer from {@code in} to {@code out} features. */
    public static Builder builder(int in, int out) {
        return new Builder(in, out);
    }

    /** Returns the number of output features. */
    public int outFeatures() {
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        NDArray x = inputs.head();
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != in) {
            throw new IllegalArgumentException("Dense expects [N, " + in + "], got " + x.getShape());
        }
        NDArray w = scaled(x, value(store, weight, x, training), weightScale);
        NDArray b = bias == null ? null : scaled(x, value(store, bias, x, training), biasScale);
        return Linear.linear(x, w, b);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), out)};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        OnnxGraph.Node node = g.node("Gemm").inputs(inputs.get(0));
        try (NDArray w = exported(weight).mul(weightScale)) {
            node.inputs(g.addInitializer(prefix + "/weight", w));
        }
        if (bias != null) {
            try (NDArray b = exported(bias).mul(biasScale)) {
                node.inputs(g.addInitializer(prefix + "/bias", b));
            }
        }
        return List.of(node.attr("transB", 1L).output(prefix + "/gemm"));
    }

    /** Options of a {@link Dense}; defaults: bias starting at 0, no equalized lr, gain 1, lr multiplier 1. */
    public static final class Builder {
        private final int in;
        private final int out;
        private boolean bias = true;
        private double biasInit;
        private boolean equalized;
        private double gain = 1.0;
        private double lrMultiplier = 1.0;

        private Builder(int in, int out) {
            this.in = in;
            this.out = out;
        }

        /** Turns the bias on or off. */
        public Builder bias(boolean value) {
            this.bias = value;
            return this;
        }

        /** Sets the initial value of every bias entry. */
        public Builder biasInit(double value) {
            this.biasInit = value;
            return this;
        }

        /** Scales weights by {@code gain * lrMul / sqrt(in)} at run time instead of at initialisation. */
        public Builder equalizedLr(boolean value) {
            this.equalized = value;
            return this;
        }

        /** Sets the weight gain (1 by default). */
        public Builder gain(double value) {
            this.gain = value;
            return this;
        }

        /** Sets the learning-rate multiplier; only meaningful with equalized lr. */
        public Builder lrMultiplier(double value) {
            this.lrMultiplier = value;
            return this;
        }

        /** Builds the layer. */
        public Dense build() {
            return new Dense(this);
        }
    }
}
