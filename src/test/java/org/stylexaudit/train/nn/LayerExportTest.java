package org.stylexaudit.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stylexaudit.train.onnx.OnnxExportParity.TOLERANCE;
import static org.stylexaudit.train.onnx.OnnxExportParity.compare;
import static org.stylexaudit.train.onnx.OnnxExportParity.randomInput;
import static org.stylexaudit.train.onnx.OnnxExportParity.randomizeParameters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each layer's ONNX export, run in ONNX Runtime, matches its DJL forward pass on random inputs. */
class LayerExportTest {

    private NDManager manager;
    private final Random rnd = new Random(42);

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private <B extends Block & OnnxExportable> double parity(B block, long[]... shapes) throws Exception {
        Shape[] s = new Shape[shapes.length];
        List<NDArray> inputs = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            s[i] = new Shape(shapes[i]);
            inputs.add(randomInput(manager, rnd, shapes[i]));
            names.add("in" + i);
        }
        block.initialize(manager, DataType.FLOAT32, s);
        randomizeParameters(block, 7);
        double diff = compare(block, names, inputs);
        assertTrue(diff <= TOLERANCE, block.getClass().getSimpleName() + " differs by " + diff);
        return diff;
    }

    @Test
    void conv_strideGroupsPaddingEqualized_matchesOrt() throws Exception {
        parity(Conv.builder(4, 6, 3).stride(2).padding(1).groups(2).equalizedLr(true).gain(Math.sqrt(2)).build(),
                new long[] {2, 4, 9, 9});
        parity(Conv.builder(3, 5, 1).bias(false).build(), new long[] {3, 3, 5, 5});
    }

    @Test
    void dense_equalizedWithLrMultiplier_matchesOrt() throws Exception {
        parity(Dense.builder(10, 7).equalizedLr(true).lrMultiplier(0.01).biasInit(1).build(), new long[] {3, 10});
        parity(Dense.builder(5, 2).build(), new long[] {4, 5});
    }

    @Test
    void modulatedConv_demodulated_matchesOrt() throws Exception {
        parity(ModulatedConv.builder(6, 4, 3).build(), new long[] {2, 6, 8, 8}, new long[] {2, 6});
    }

    @Test
    void modulatedConv_toRgbWithoutDemod_matchesOrt() throws Exception {
        parity(ModulatedConv.toRgb(5), new long[] {3, 5, 4, 4}, new long[] {3, 5});
    }

    @Test
    void activationsPoolingResampling_matchOrt() throws Exception {
        parity(LeakyRelu.styleGan(), new long[] {2, 3, 4, 4});
        parity(LeakyRelu.of(0.2), new long[] {2, 3, 4, 4});
        parity(new Relu(), new long[] {2, 3, 4, 4});
        parity(new Upsample2x(), new long[] {2, 3, 4, 5});
        parity(new AvgPool2x2(), new long[] {2, 3, 6, 8});
        parity(new GlobalAvgPool(), new long[] {2, 3, 6, 8});
        parity(new NoiseInjection(), new long[] {2, 3, 4, 4});
        parity(new StyleSplit(3, 4, 2), new long[] {2, 9});
        parity(new ConstantInput(4, 3), new long[] {3, 7});
    }

    @Test
    void batchNorm_runningStatistics_matchesOrt() throws Exception {
        parity(new BatchNorm2d(5), new long[] {3, 5, 4, 4});
    }

    @Test
    void upsample2x_copiesEachPixelToA2x2Block() {
        Upsample2x up = new Upsample2x();
        up.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 2, 2));
        NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
        float[] y = up.forward(new ParameterStore(manager, false), new NDList(x), false).head().toFloatArray();
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, y);
    }

    @Test
    void modulatedConv_demodulation_givesUnitNormPerSampleWeights() {
        // With demodulation, scaling a sample's style by a constant must not change its output (no bias).
        ModulatedConv conv = ModulatedConv.builder(4, 3, 3).bias(false).build();
        conv.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 5, 5), new Shape(1, 4));
        NDArray x = randomInput(manager, rnd, 1, 4, 5, 5);
        NDArray s = randomInput(manager, rnd, 1, 4);
        ParameterStore ps = new ParameterStore(manager, false);
        float[] a = conv.forward(ps, new NDList(x, s), false).head().toFloatArray();
        float[] b = conv.forward(ps, new NDList(x, s.mul(manager.create(3f))), false).head().toFloatArray();
        assertArrayEquals(a, b, 1e-4f);
    }
}
