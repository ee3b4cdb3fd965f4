package org.stylexaudit.train.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stylexaudit.train.onnx.OnnxImportFixtures.f;
import static org.stylexaudit.train.onnx.OnnxImportFixtures.i;
import static org.stylexaudit.train.onnx.OnnxImportFixtures.ints;
import static org.stylexaudit.train.onnx.OnnxImportFixtures.s;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxImporterTest {

    private static final long[] IMAGE = {2, 3, 16, 16};
    private static NDManager manager;

    @TempDir
    Path dir;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @Test
    void load_plainCnnWithBatchNorm_matchesOnnxRuntimeAndFiniteDifferences() throws Exception {
        Path model = OnnxImportFixtures.plainCnn(dir.resolve("plain.onnx"), 5);
        assertMatchesOrt(model, IMAGE, 1);
        assertGradientMatchesFiniteDifferences(model, IMAGE, 2);
    }

    @Test
    void load_residualNetwork_matchesOnnxRuntimeAndFiniteDifferences() throws Exception {
        Path model = OnnxImportFixtures.residual(dir.resolve("res.onnx"), 4);
        assertMatchesOrt(model, IMAGE, 3);
        assertGradientMatchesFiniteDifferences(model, IMAGE, 4);
    }

    @Test
    void load_depthwiseSeparableWithRelu6_matchesOnnxRuntimeAndFiniteDifferences() throws Exception {
        Path model = OnnxImportFixtures.depthwise(dir.resolve("dw.onnx"), 3, 13);
        assertMatchesOrt(model, IMAGE, 5);
        assertGradientMatchesFiniteDifferences(model, IMAGE, 6);
    }

    @Test
    void load_depthwiseAtOpset10_readsClipBoundsFromAttributes() throws Exception {
        Path model = OnnxImportFixtures.depthwise(dir.resolve("dw10.onnx"), 3, 10);
        assertMatchesOrt(model, IMAGE, 7);
    }

    @Test
    void load_signature_reportsInputAndOutputNamesAndShapes() throws Exception {
        Path model = OnnxImportFixtures.residual(dir.resolve("res.onnx"), 4);
        try (ImportedModel m = OnnxImporter.load(model, manager)) {
            assertEquals("image", m.input().name());
            assertArrayEquals(new long[] {-1, 3, 16, 16}, m.input().shape());
            assertArrayEquals(new long[] {-1, 4}, m.outputs().get(0).shape());
        }
    }

    @Test
    void forward_wrongInputShape_saysWhatIsDeclared() throws Exception {
        Path model = OnnxImportFixtures.residual(dir.resolve("res.onnx"), 4);
        try (NDManager m = manager.newSubManager(); ImportedModel imported = OnnxImporter.load(model, m)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> imported.forward(m.zeros(new Shape(2, 3, 8, 8))));
            assertTrue(e.getMessage().contains("declared as [-1, 3, 16, 16]"), e.getMessage());
        }
    }

    @Test
    void load_unsupportedOperators_refusedWithEveryOneListed() throws Exception {
        OnnxImportFixtures.Graph g = new OnnxImportFixtures.Graph(13, 1);
        String x = g.input("x", 1, 4);
        String h = g.node("Erf", new String[] {x});
        h = g.node("LSTM", new String[] {h});
        h = g.node("Relu", new String[] {h});
        h = g.node("Erf", new String[] {h});
        h = g.node("MaxPool", new String[] {h}, ints("kernel_shape", 2, 2), ints("dilations", 2, 2));
        g.output(h, 1, 4);
        Path model = g.write(dir.resolve("bad.onnx"));
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.load(model, manager));
        assertTrue(e.getMessage().contains("3 unsupported ONNX operators: Erf, LSTM, MaxPool (dilations [2, 2])"),
                e.getMessage());
    }

    @Test
    void load_externalData_isRefused() throws Exception {
        OnnxImportFixtures.Graph g = new OnnxImportFixtures.Graph(13, 1);
        String x = g.input("x", 1, 4);
        g.raw().addInitializer(TensorProto.newBuilder().setName("ext").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(4).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("../../etc/passwd")));
        g.output(g.node("Add", new String[] {x, "ext"}), 1, 4);
        Path model = g.write(dir.resolve("ext.onnx"));
        OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxImporter.load(model, manager));
        assertTrue(e.getMessage().contains("external"), e.getMessage());
    }

    @Test
    void load_notOnnx_isRefused() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "this is not a protobuf \u0000\u00ff");
        assertThrows(OnnxImportException.class, () -> OnnxImporter.load(junk, manager));
    }

    @Test
    void forward_padModesAcrossOpsets_matchOnnxRuntime() throws Exception {
        for (String mode : new String[] {"constant", "reflect", "edge"}) {
            OnnxImportFixtures.Graph g = new OnnxImportFixtures.Graph(13, 1);
            String x = g.input("x", 1, 2, 5, 6);
            String pads = g.initLong(new long[] {0, 0, 1, 2, 0, 0, 2, 1}, 8);
            String value = g.init(new float[] {0.7f});
            String y = g.node("Pad", new String[] {x, pads, value}, s("mode", mode));
            g.output(y, 1, 2, 8, 9);
            assertMatchesOrt(g.write(dir.resolve("pad-" + mode + ".onnx")), new long[] {1, 2, 5, 6}, 8);
        }
        OnnxImportFixtures.Graph old = new OnnxImportFixtures.Graph(10, 1);
        String x = old.input("x", 1, 2, 5, 6);
        String y = old.node("Pad", new String[] {x}, ints("pads", 0, 0, 2, 0, 0, 0, 1, 3), f("value", -1f));
        old.output(y, 1, 2, 8, 9);
        assertMatchesOrt(old.write(dir.resolve("pad-opset10.onnx")), new long[] {1, 2, 5, 6}, 9);
    }

    @Test
    void forward_reduceMeanAxesAsAttributeAndInput_matchOnnxRuntime() throws Exception {
        OnnxImportFixtures.Graph g13 = new OnnxImportFixtures.Graph(13, 1);
        String x = g13.input("x", 2, 3, 4, 5);
        g13.output(g13.node("ReduceMean", new String[] {x}, ints("axes", 1, -1), i("keepdims", 0)), 2, 4);
        assertMatchesOrt(g13.write(dir.resolve("rm13.onnx")), new long[] {2, 3, 4, 5}, 10);
        OnnxImportFixtures.Graph g18 = new OnnxImportFixtures.Graph(18, 1);
        x = g18.input("x", 2, 3, 4, 5);
        g18.output(g18.node("ReduceMean", new String[] {x, g18.initLong(new long[] {1, -1}, 2)}), 2, 1, 4, 1);
        assertMatchesOrt(g18.write(dir.resolve("rm18.onnx")), new long[] {2, 3, 4, 5}, 11);
    }

    @Test
    void forward_resizeModesScalesAndSizes_matchOnnxRuntime() throws Exception {
        String[][] cases = {
            {"nearest", "asymmetric", "floor", "scales"},
            {"nearest", "half_pixel", "round_prefer_floor", "sizes"},
            {"nearest", "align_corners", "round_prefer_ceil", "sizes"},
            {"linear", "half_pixel", "round_prefer_floor", "scales"},
            {"linear", "align_corners", "round_prefer_floor", "sizes"},
            {"linear", "pytorch_half_pixel", "round_prefer_floor", "sizes"},
            {"linear", "asymmetric", "round_prefer_floor", "scales"},
        };
        int k = 0;
        for (String[] c : cases) {
            OnnxImportFixtures.Graph g = new OnnxImportFixtures.Graph(13, 1);
            String x = g.input("x", 1, 2, 5, 6);
            String y;
            if ("scales".equals(c[3])) {
                y = g.node("Resize", new String[] {x, "", g.init(new float[] {1, 1, 2f, 0.5f}, 4)},
                        s("mode", c[0]), s("coordinate_transformation_mode", c[1]), s("nearest_mode", c[2]));
                g.output(y, 1, 2, 10, 3);
            } else {
                y = g.node("Resize", new String[] {x, "", "", g.initLong(new long[] {1, 2, 7, 13}, 4)},
                        s("mode", c[0]), s("coordinate_transformation_mode", c[1]), s("nearest_mode", c[2]));
                g.output(y, 1, 2, 7, 13);
            }
            assertMatchesOrt(g.write(dir.resolve("resize" + k++ + ".onnx")), new long[] {1, 2, 5, 6}, 12 + k);
        }
    }

    @Test
    void forward_resizeOpset10AndUpsampleOpset9_matchOnnxRuntime() throws Exception {
        int k = 0;
        for (String mode : new String[] {"nearest", "linear"}) {
            for (float[] scales : new float[][] {{1, 1, 2, 3}, {1, 1, 0.5f, 0.75f}}) {
                long[] out = {1, 2, (long) Math.floor(6 * scales[2]), (long) Math.floor(8 * scales[3])};
                OnnxImportFixtures.Graph g10 = new OnnxImportFixtures.Graph(10, 1);
                String x = g10.input("x", 1, 2, 6, 8);
                g10.output(g10.node("Resize", new String[] {x, g10.init(scales, 4)}, s("mode", mode)), out);
                assertMatchesOrt(g10.write(dir.resolve("r10-" + k + ".onnx")), new long[] {1, 2, 6, 8}, 60 + k);
                if (scales[2] < 1) {
                    k++;
                    continue; // Upsample is defined for scales >= 1 only
                }
                OnnxImportFixtures.Graph g9 = new OnnxImportFixtures.Graph(9, 1);
                x = g9.input("x", 1, 2, 6, 8);
                g9.output(g9.node("Upsample", new String[] {x, g9.init(scales, 4)}, s("mode", mode)), out);
                assertMatchesOrt(g9.write(dir.resolve("u9-" + k + ".onnx")), new long[] {1, 2, 6, 8}, 70 + k);
                k++;
            }
        }
    }

    @Test
    void forward_shapeGatherConcatReshapeFlattenPattern_matchesOnnxRuntime() throws Exception {
        // The pattern PyTorch writes for x.view(x.size(0), -1), plus Transpose, Softmax and Constant.
        OnnxImportFixtures.Graph g = new OnnxImportFixtures.Graph(13, 1);
        String x = g.input("x", -1, 3, 4, 4);
        String t = g.node("Transpose", new String[] {x}, ints("perm", 0, 2, 3, 1));
        String shape = g.node("Shape", new String[] {t});
        String batch = g.node("Gather", new String[] {shape, g.node("Constant", new String[0],
            OnnxImportFixtures.i("value_int", 0))}, i("axis", 0));
        String b1 = g.node("Unsqueeze", new String[] {batch, g.initLong(new long[] {0}, 1)});
        String target = g.node("Concat", new String[] {b1, g.initLong(new long[] {-1}, 1)}, i("axis", 0));
        String flat = g.node("Reshape", new String[] {t, target});
        String y = g.node("Softmax", new String[] {g.node("Sub", new String[] {g.random(1, 48), flat})});
        g.output(y, -1, 48);
        assertMatchesOrt(g.write(dir.resolve("pattern.onnx")), new long[] {3, 3, 4, 4}, 30);
    }

    @Test
    void forward_poolingPaddingAndGemmVariants_matchOnnxRuntime() throws Exception {
        long[] in = {2, 3, 9, 9};
        OnnxImportFixtures.Graph g = new OnnxImportFixtures.Graph(13, 1);
        String x = g.input("x", in);
        g.output(g.node("AveragePool", new String[] {x}, ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1)), 2, 3, 5, 5);
        assertMatchesOrt(g.write(dir.resolve("avg-exclude.onnx")), in, 40);
        g = new OnnxImportFixtures.Graph(13, 1);
        x = g.input("x", in);
        g.output(g.node("AveragePool", new String[] {x}, ints("kernel_shape", 2, 2), ints("strides", 2, 2),
                ints("pads", 0, 1, 1, 0), i("count_include_pad", 1)), 2, 3, 5, 5);
        assertMatchesOrt(g.write(dir.resolve("avg-include-asym.onnx")), in, 41);
        g = new OnnxImportFixtures.Graph(13, 1);
        x = g.input("x", in);
        g.output(g.node("AveragePool", new String[] {x}, ints("kernel_shape", 2, 2), ints("strides", 2, 2),
                i("ceil_mode", 1)), 2, 3, 5, 5);
        assertMatchesOrt(g.write(dir.resolve("avg-ceil.onnx")), in, 42);
        g = new OnnxImportFixtures.Graph(13, 1);
        x = g.input("x", in);
        g.output(g.node("MaxPool", new String[] {x}, ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                s("auto_pad", "SAME_LOWER")), 2, 3, 5, 5);
        assertMatchesOrt(g.write(dir.resolve("max-same.onnx")), in, 43);
        g = new OnnxImportFixtures.Graph(13, 1);
        x = g.input("x", in);
        g.output(g.conv(x, 3, 6, 3, 3, ints("dilations", 2, 2), ints("pads", 2, 1, 2, 1)), 2, 6, 9, 7);
        assertMatchesOrt(g.write(dir.resolve("conv-dilated-grouped.onnx")), in, 44);
        g = new OnnxImportFixtures.Graph(13, 1);
        x = g.input("x", 4, 6);
        g.output(g.node("Gemm", new String[] {g.random(0.3, 6, 5), x, g.random(0.1, 5, 1)}, i("transA", 1),
                i("transB", 1), f("alpha", 0.5f), f("beta", 2f)), 5, 4);
        assertMatchesOrt(g.write(dir.resolve("gemm.onnx")), new long[] {4, 6}, 45);
        g = new OnnxImportFixtures.Graph(11, 1);
        x = g.input("x", 2, 3, 4);
        g.output(g.node("Softmax", new String[] {x}, i("axis", 1)), 2, 3, 4);
        assertMatchesOrt(g.write(dir.resolve("softmax11.onnx")), new long[] {2, 3, 4}, 46);
    }

    @Test
    void forward_mobileNetStyleActivations_matchOnnxRuntimeAndFiniteDifferences() throws Exception {
        // HardSwish/HardSigmoid (MobileNetV3), PRelu, Swish as Mul(x, Sigmoid(x)) (EfficientNet), Sum, Max, Min.
        OnnxImportFixtures.Graph g = new OnnxImportFixtures.Graph(14, 1);
        String x = g.input("x", 2, 4, 3, 3);
        String hs = g.node("HardSwish", new String[] {x});
        String hg = g.node("HardSigmoid", new String[] {x}, f("alpha", 0.3f), f("beta", 0.4f));
        String pr = g.node("PRelu", new String[] {x, g.random(0.5, 4, 1, 1)});
        String sw = g.node("Mul", new String[] {x, g.node("Sigmoid", new String[] {x})});
        String mx = g.node("Max", new String[] {hs, pr, g.node("Neg", new String[] {sw})});
        String mn = g.node("Min", new String[] {hg, g.node("Abs", new String[] {x})});
        String rc = g.node("Reciprocal", new String[] {g.node("Add", new String[] {g.node("Exp", new String[] {x}),
            g.init(new float[] {1f})})});
        String pw = g.node("Pow", new String[] {g.node("Exp", new String[] {x}), g.init(new float[] {1.5f})});
        String y = g.node("Sum", new String[] {mx, mn, rc, pw, g.node("Sqrt", new String[] {g.node("Exp",
            new String[] {x})})});
        g.output(y, 2, 4, 3, 3);
        Path model = g.write(dir.resolve("acts.onnx"));
        assertMatchesOrt(model, new long[] {2, 4, 3, 3}, 50);
        assertGradientMatchesFiniteDifferences(model, new long[] {2, 4, 3, 3}, 51);
    }

    @Test
    void forward_repeatedCalls_leaveNothingInTheModelsManager() throws Exception {
        Path[] models = {OnnxImportFixtures.plainCnn(dir.resolve("plain.onnx"), 5),
            OnnxImportFixtures.residual(dir.resolve("res.onnx"), 4),
            OnnxImportFixtures.depthwise(dir.resolve("dw.onnx"), 3, 13)};
        for (Path model : models) {
            try (ImportedModel m = OnnxImporter.load(model, manager)) {
                // The first pass derives arrays from constants once (transposed weights, folded BatchNorm, resize
                // matrices); after it, a forward pass must not add anything to the model's manager.
                try (NDManager warmUp = manager.newSubManager()) {
                    m.forward(warmUp.randomNormal(new Shape(IMAGE)));
                }
                long before = countArrays(m);
                for (int k = 0; k < 3; k++) {
                    try (NDManager step = manager.newSubManager()) {
                        m.forward(step.randomNormal(new Shape(IMAGE)));
                    }
                }
                assertEquals(before, countArrays(m), model.getFileName().toString());
            }
        }
    }

    private long countArrays(ImportedModel m) throws Exception {
        java.lang.reflect.Field f = ImportedModel.class.getDeclaredField("constantsManager");
        f.setAccessible(true);
        NDManager cm = (NDManager) f.get(m);
        return ((ai.djl.pytorch.engine.PtNDManager) cm).getManagedArrays().size();
    }

    /** Checks the imported model against ONNX Runtime on random input: max abs difference <= 1e-4. */
    private void assertMatchesOrt(Path model, long[] shape, long seed) throws Exception {
        int n = (int) new Shape(shape).size();
        float[] input = OnnxImportFixtures.randomInput(seed, n);
        float[] expected = OnnxImportFixtures.runOrt(model, input, shape);
        try (NDManager m = manager.newSubManager(); ImportedModel imported = OnnxImporter.load(model, m)) {
            float[] actual = imported.forward(m.create(input, new Shape(shape))).toFloatArray();
            assertEquals(expected.length, actual.length, "output size of " + model.getFileName());
            double worst = 0;
            for (int k = 0; k < actual.length; k++) {
                worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
            }
            assertTrue(worst <= 1e-4, model.getFileName() + ": max |DJL - ORT| = " + worst);
        }
    }

    /**
     * Checks d(sum(r * f(x)))/dx from autograd against central differences, in float64 so the difference quotient
     * is accurate: |analytic - numeric| <= 1e-6 + 1e-4 |numeric| at 12 random coordinates.
     */
    private void assertGradientMatchesFiniteDifferences(Path model, long[] shape, long seed) throws Exception {
        Random random = new Random(seed);
        try (NDManager m = manager.newSubManager();
             ImportedModel imported = OnnxImporter.load(model, m, DataType.FLOAT64)) {
            NDArray x = m.randomNormal(new Shape(shape)).toType(DataType.FLOAT64, false);
            long outSize = imported.forward(x).size();
            NDArray r = m.randomNormal(new Shape(outSize)).toType(DataType.FLOAT64, false);
            x.setRequiresGradient(true);
            double[] grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = imported.forward(x).reshape(-1).mul(r).sum();
                gc.backward(loss);
                grad = x.getGradient().toDoubleArray();
            }
            double[] base = x.toDoubleArray();
            double eps = 1e-6;
            for (int t = 0; t < 12; t++) {
                int k = random.nextInt(base.length);
                double numeric = (objective(imported, m, base, k, eps, shape, r)
                        - objective(imported, m, base, k, -eps, shape, r)) / (2 * eps);
                assertEquals(numeric, grad[k], 1e-6 + 1e-4 * Math.abs(numeric),
                        model.getFileName() + " gradient at " + k);
            }
        }
    }

    private double objective(ImportedModel model, NDManager m, double[] base, int k, double delta, long[] shape,
            NDArray r) {
        double[] v = base.clone();
        v[k] += delta;
        try (NDManager scope = m.newSubManager()) {
            return model.forward(scope.create(v, new Shape(shape))).reshape(-1).mul(r).sum().getDouble();
        }
    }
}
