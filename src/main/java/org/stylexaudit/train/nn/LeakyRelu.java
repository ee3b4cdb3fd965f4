package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * Leaky ReLU with an optional output gain; StyleGAN uses slope 0.2 and gain sqrt(2) so activations keep unit
 * variance under equalized learning rate.
 */
public final class LeakyRelu extends Layer {

    /** StyleGAN's gain for leaky ReLU, sqrt(2). */
    public static final double STYLEGAN_GAIN = Math.sqrt(2.0);

    private final float slope;
    private final double gain;

    /** Creates a leaky ReLU with the given negative slope and output gain. */
    public LeakyRelu(double slope, double gain) {
        this.slope = (float) slope;
        this.gain = gain;
    }

    /** Returns leaky ReLU with the given slope and gain 1. */
    public static LeakyRelu of(double slope) {
        return new LeakyRelu(slope, 1.0);
    }

    /** Returns StyleGAN's activation: slope 0.2, gain sqrt(2). */
    public static LeakyRelu styleGan() {
        return new LeakyRelu(0.2, STYLEGAN_GAIN);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        var x = inputs.head();
        var y = Activation.leakyRelu(x, slope);
        return new NDList(gain == 1.0 ? y : y.mul(scalar(x, gain)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        String y = g.node("LeakyRelu").inputs(inputs.get(0)).attr("alpha", slope).output(prefix + "/lrelu");
        if (gain != 1.0) {
            y = g.node("Mul").inputs(y, g.addScalar(prefix + "/gain", (float) gain)).output(prefix + "/gained");
        }
        return List.of(y);
    }
}
