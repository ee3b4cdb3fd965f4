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
 * StyleGAN2's modulated convolution in its batch-friendly form: scale the input channels by the per-sample style
 * {@code s}, convolve with the shared weight, then (with demodulation) scale each output channel by
 * {@code 1 / sqrt(sum_{i,k} (w_{o,i,k} s_i)^2 + eps)}. This equals convolving with per-sample weights
 * {@code w_{o,i,k} s_i} normalised to unit norm, without a grouped convolution.
 *
 * <p>Forward input: {@code NDList(x [N, in, H, W], s [N, in])}; output {@code [N, out, H, W]} (stride 1, same
 * padding). The style comes in as a separate input so that an exported synthesis graph can take style
 * coordinates as graph inputs. Weights always use equalized learning rate, as in StyleGAN2.
 *
 * <pre>{@code
 * ModulatedConv conv = ModulatedConv.builder(128, 64, 3).build();   // demodulated, with bias
 * ModulatedConv rgb = ModulatedConv.toRgb(64);                       // 1x1, no demodulation, bias
 * NDArray y = conv.forward(ps, new NDList(x, style), training).head();
 * }</pre>
 */
public final class ModulatedConv extends Layer {

    /** Keeps the demodulation finite for all-zero styles, as in StyleGAN2. */
    static final float DEMOD_EPS = 1e-8f;

    private final int in;
    private final int out;
    private final int kernel;
    private final boolean demodulate;
    private final double weightScale;
    private final Parameter weight;
    private final Parameter bias;

    private ModulatedConv(Builder b) {
        this.in = b.in;
        this.out = b.out;
        this.kernel = b.kernel;
        this.demodulate = b.demodulate;
        this.weightScale = 1.0 / Math.sqrt((double) in * kernel * kernel);
        this.weight = param("weight", Parameter.Type.WEIGHT, new Shape(out, in, kernel, kernel), normal(1.0));
        this.bias = b.bias ? param("bias", Parameter.Type.BIAS, new Shape(out), Initializer.ZEROS) : null;
    }

    /** Starts a modulated convolution from {@code in} to {@code out} channels (odd kernel size). */
    public static Builder builder(int in, int out, int kernel) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("modulated convolution needs an odd kernel for same padding, got "
                    + kernel);
        }
        return new Builder(in, out, kernel);
    }

    /** Returns StyleGAN2's toRGB layer: a 1x1 modulated convolution to 3 channels without demodulation. */
    public static ModulatedConv toRgb(int in) {
        return builder(in, 3, 1).demodulate(false).build();
    }

    /** Returns the number of input channels, which is also the length of the style vector. */
    public int styleSize() {
        return in;
    }

    /** Returns the number of output channels. */
    public int outChannels() {
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 2);
        NDArray x = inputs.get(0);
        NDArray s = inputs.get(1);
        long n = x.getShape().get(0);
        if (s.getShape().dimension() != 2 || s.getShape().get(0) != n || s.getShape().get(1) != in) {
            throw new IllegalArgumentException("style must be [" + n + ", " + in + "], got " + s.getShape());
        }
        NDArray w = scaled(x, value(store, weight, x, training), weightScale);
        NDArray y = Conv2d.conv2d(x.mul(s.reshape(n, in, 1, 1)), w, null, new Shape(1, 1),
                new Shape(kernel / 2, kernel / 2), new Shape(1, 1), 1).head();
        if (demodulate) {
            // sum_{i,k} (w_{o,i,k} s_i)^2 = (s^2) @ (sum_k w_{o,i,k}^2)^T
            NDArray wSquared = w.square().sum(new int[] {2, 3});
            NDArray energy = s.square().matMul(wSquared.transpose()).add(scalar(x, DEMOD_EPS));
            NDArray demod = scalar(x, 1.0).div(energy.sqrt());
            y = y.mul(demod.reshape(n, out, 1, 1));
        }
        if (bias != null) {
            y = y.add(own(x, value(store, bias, x, training).reshape(1, out, 1, 1)));
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        String x = inputs.get(0);
        String s = inputs.get(1);
        String axes = g.addLongs(prefix + "/axes23", 2, 3);
        String s4 = g.node("Unsqueeze").inputs(s, axes).output(prefix + "/style4d");
        String xs = g.node("Mul").inputs(x, s4).output(prefix + "/modulated");
        String y;
        try (NDArray w = exported(weight).mul(weightScale)) {
            String wName = g.addInitializer(prefix + "/weight", w);
            y = g.node("Conv").inputs(xs, wName).attr("kernel_shape", kernel, kernel).attr("strides", 1, 1)
                    .attr("pads", kernel / 2, kernel / 2, kernel / 2, kernel / 2).output(prefix + "/conv");
            if (demodulate) {
                try (NDArray wSquaredT = w.square().sum(new int[] {2, 3}).transpose()) {
                    String wsq = g.addInitializer(prefix + "/weight_sq_t", wSquaredT);
                    String s2 = g.node("Mul").inputs(s, s).output(prefix + "/style_sq");
                    String energy = g.node("MatMul").inputs(s2, wsq).output(prefix + "/energy");
                    String eps = g.addScalar(prefix + "/eps", DEMOD_EPS);
                    String sum = g.node("Add").inputs(energy, eps).output(prefix + "/energy_eps");
                    String root = g.node("Sqrt").inputs(sum).output(prefix + "/norm");
                    String demod = g.node("Reciprocal").inputs(root).output(prefix + "/demod");
                    String demod4 = g.node("Unsqueeze").inputs(demod, axes).output(prefix + "/demod4d");
                    y = g.node("Mul").inputs(y, demod4).output(prefix + "/demodulated");
                }
            }
        }
        if (bias != null) {
            try (NDArray b = exported(bias).reshape(1, out, 1, 1)) {
                y = g.node("Add").inputs(y, g.addInitializer(prefix + "/bias", b)).output(prefix + "/biased");
            }
        }
        return List.of(y);
    }

    /** Options of a {@link ModulatedConv}; defaults: demodulation on, bias on. */
    public static final class Builder {
        private final int in;
        private final int out;
        private final int kernel;
        private boolean demodulate = true;
        private boolean bias = true;

        private Builder(int in, int out, int kernel) {
            this.in = in;
            this.out = out;
            this.kernel = kernel;
        }

        /** Turns demodulation on or off (toRGB layers have it off). */
        public Builder demodulate(boolean value) {
            this.demodulate = value;
            return this;
        }

        /** Turns the per-channel bias (added after demodulation) on or off. */
        public Builder bias(boolean value) {
            this.bias = value;
            return this;
        }

        /** Builds the layer. */
        public ModulatedConv build() {
            return new ModulatedConv(this);
        }
    }
}
