package org.stylexaudit.train.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stylexaudit.train.onnx.OnnxExportParity.TOLERANCE;
import static org.stylexaudit.train.onnx.OnnxExportParity.compare;
import static org.stylexaudit.train.onnx.OnnxExportParity.randomInput;
import static org.stylexaudit.train.onnx.OnnxExportParity.randomizeParameters;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stylexaudit.train.onnx.OnnxGraph;

/** A small StyleGAN-like synthesis network built from the layer set exports to ONNX and trains in DJL. */
class ComposedNetworkExportTest {

    /** Learned 4x4 constant, two modulated blocks with an upsampling, toRGB; all styles as one input. */
    static final class TinySynthesis extends Network {
        final ConstantInput constant = child("const", new ConstantInput(8, 4));
        final StyleSplit split = child("split", new StyleSplit(8, 8, 6));
        final ModulatedConv conv0 = child("conv0", ModulatedConv.builder(8, 8, 3).build());
        final NoiseInjection noise0 = child("noise0", new NoiseInjection());
        final LeakyRelu act0 = child("act0", LeakyRelu.styleGan());
        final Upsample2x up = child("up", new Upsample2x());
        final ModulatedConv conv1 = child("conv1", ModulatedConv.builder(8, 6, 3).build());
        final LeakyRelu act1 = child("act1", LeakyRelu.styleGan());
        final ModulatedConv rgb = child("rgb", ModulatedConv.toRgb(6));

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDList s = split.forward(ps, new NDList(inputs.get(0)), training);
            NDArray c = constant.forward(ps, new NDList(inputs.get(0)), training).head();
            NDArray x = conv0.forward(ps, new NDList(c, s.get(0)), training).head();
            x = act0.forward(ps, noise0.forward(ps, new NDList(x), training), training).head();
            x = up.forward(ps, new NDList(x), training).head();
            x = conv1.forward(ps, new NDList(x, s.get(1)), training).head();
            x = act1.forward(ps, new NDList(x), training).head();
            return rgb.forward(ps, new NDList(x, s.get(2)), training);
        }

        @Override
        public List<String> export(OnnxGraph g, String prefix, List<String> in) {
            List<String> s = split.export(g, prefix + "/split", List.of(in.get(0)));
            String c = constant.export(g, prefix + "/const", in.get(0));
            String x = conv0.export(g, prefix + "/conv0", List.of(c, s.get(0))).get(0);
            x = act0.export(g, prefix + "/act0", noise0.export(g, prefix + "/noise0", x));
            x = up.export(g, prefix + "/up", x);
            x = conv1.export(g, prefix + "/conv1", List.of(x, s.get(1))).get(0);
            x = act1.export(g, prefix + "/act1", x);
            return rgb.export(g, prefix + "/rgb", List.of(x, s.get(2)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {new Shape(inputShapes[0].get(0), 3, 8, 8)};
        }
    }

    @Test
    void tinySynthesis_withStyleInputs_matchesOrt() throws Exception {
        Random rnd = new Random(3);
        try (NDManager m = NDManager.newBaseManager()) {
            TinySynthesis net = new TinySynthesis();
            net.initialize(m, DataType.FLOAT32, new Shape(2, 22));
            randomizeParameters(net, 11);
            double diff = compare(net, List.of("style"), List.of(randomInput(m, rnd, 2, 22)));
            assertTrue(diff <= TOLERANCE, "differs by " + diff);
        }
    }

    @Test
    void tinySynthesis_adamSteps_reduceReconstructionLoss() {
        Engine.getInstance().setRandomSeed(5);
        Random rnd = new Random(5);
        try (NDManager m = NDManager.newBaseManager()) {
            TinySynthesis net = new TinySynthesis();
            net.initialize(m, DataType.FLOAT32, new Shape(2, 22));
            NDArray s = randomInput(m, rnd, 4, 22);
            NDArray target = randomInput(m, rnd, 4, 3, 8, 8);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 40; step++) {
                try (NDManager stepManager = m.newSubManager()) {
                    NDArray ss = s.duplicate();
                    ss.attach(stepManager);
                    float loss;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        ParameterStore ps = new ParameterStore(stepManager, false);
                        NDArray y = net.forward(ps, new NDList(ss), true).head();
                        NDArray l = y.sub(target).abs().mean();
                        loss = l.getFloat();
                        gc.backward(l);
                    }
                    for (var pair : net.getParameters()) {
                        Parameter p = pair.getValue();
                        if (p.requiresGradient()) {
                            // getGradient() returns a new handle each call (DJL-NOTES trap 5): close it.
                            try (NDArray grad = p.getArray().getGradient()) {
                                adam.update(p.getId(), p.getArray(), grad);
                            }
                        }
                    }
                    if (step == 0) {
                        first = loss;
                    }
                    last = loss;
                }
            }
            assertTrue(Float.isFinite(last), "loss " + last);
            assertTrue(last < 0.9f * first, "loss did not fall: " + first + " -> " + last);
            assertEquals(3, net.getOutputShapes(new Shape[] {new Shape(1, 22)})[0].get(1));
        }
    }
}
