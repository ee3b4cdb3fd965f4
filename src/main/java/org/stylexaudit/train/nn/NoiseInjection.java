package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * StyleGAN's per-pixel noise: while training adds {@code strength * noise} with one N(0, 1) value per sample and
 * pixel, shared by all channels, and a learned scalar strength starting at 0. At inference (and in exports) it
 * adds nothing, so explanations are deterministic.
 */
public final class NoiseInjection extends Layer {

    private final Parameter strength;

    /** Creates the layer with strength 0. */
    public NoiseInjection() {
        this.strength = param("strength", Parameter.Type.WEIGHT, new Shape(1), Initializer.ZEROS);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        NDArray x = inputs.head();
        if (!training) {
            return new NDList(x);
        }
        Shape s = x.getShape();
        NDArray noise = x.getManager().randomNormal(new Shape(s.get(0), 1, s.get(2), s.get(3)));
        return new NDList(x.add(noise.mul(value(store, strength, x, training))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        return List.of(inputs.get(0));
    }
}
