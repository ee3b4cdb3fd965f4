package org.stylexaudit.train.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * Writes small ONNX graphs with the protobuf builders, and runs them in ONNX Runtime as the reference. Shared by
 * the importer tests and the engine tests.
 */
public final class OnnxImportFixtures {

    private OnnxImportFixtures() {
    }

    /** Builds one ONNX graph node by node; names are generated. */
    public static final class Graph {
        private final int opset;
        private final GraphProto.Builder g = GraphProto.newBuilder().setName("test");
        private final Random random;
        private int counter;

        /** Starts a graph for {@code opset} with weights drawn from {@code seed}. */
        public Graph(int opset, long seed) {
            this.opset = opset;
            this.random = new Random(seed);
        }

        /** Declares a float input; {@code -1} dimensions become the symbolic "N". */
        public String input(String name, long... dims) {
            g.addInput(valueInfo(name, TensorProto.DataType.FLOAT_VALUE, dims));
            return name;
        }

        /** Declares a float graph output with the given dimensions. */
        public Graph output(String name, long... dims) {
            g.addOutput(valueInfo(name, TensorProto.DataType.FLOAT_VALUE, dims));
            return this;
        }

        /** Adds a float initializer with the given values. */
        public String init(float[] values, long... dims) {
            String name = "w" + counter++;
            TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                    .setDataType(TensorProto.DataType.FLOAT_VALUE);
            for (long d : dims) {
                t.addDims(d);
            }
            for (float v : values) {
                t.addFloatData(v);
            }
            g.addInitializer(t);
            return name;
        }

        /** Adds an int64 initializer. */
        public String initLong(long[] values, long... dims) {
            String name = "i" + counter++;
            TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                    .setDataType(TensorProto.DataType.INT64_VALUE);
            for (long d : dims) {
                t.addDims(d);
            }
            for (long v : values) {
                t.addInt64Data(v);
            }
            g.addInitializer(t);
            return name;
        }

        /** Adds a float initializer of normal values scaled by {@code std}. */
        public String random(double std, long... dims) {
            int n = 1;
            for (long d : dims) {
                n *= (int) d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (random.nextGaussian() * std);
            }
            return init(v, dims);
        }

        /** Adds a float initializer of uniform values in [lo, hi). */
        public String uniform(double lo, double hi, long... dims) {
            int n = 1;
            for (long d : dims) {
                n *= (int) d;
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (lo + random.nextDouble() * (hi - lo));
            }
            return init(v, dims);
        }

        /** Adds a node with one output and returns the output's name. */
        public String node(String op, String[] inputs, AttributeProto... attrs) {
            String out = op.toLowerCase() + counter++;
            NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(out + "_node").addOutput(out);
            for (String in : inputs) {
                n.addInput(in);
            }
            for (AttributeProto a : attrs) {
                n.addAttribute(a);
            }
            g.addNode(n);
            return out;
        }

        /** Adds Conv with random He-scaled weights and bias; returns the output. */
        public String conv(String x, int cin, int cout, int k, int group, AttributeProto... attrs) {
            String w = random(Math.sqrt(2.0 / (cin / group * k * k)), cout, cin / group, k, k);
            String b = random(0.1, cout);
            AttributeProto[] all = new AttributeProto[attrs.length + 2];
            all[0] = ints("kernel_shape", k, k);
            all[1] = i("group", group);
            System.arraycopy(attrs, 0, all, 2, attrs.length);
            return node("Conv", new String[] {x, w, b}, all);
        }

        /** Adds BatchNormalization with random statistics; returns the output. */
        public String batchNorm(String x, int c) {
            return node("BatchNormalization", new String[] {x, uniform(0.5, 1.5, c), random(0.2, c),
                random(0.2, c), uniform(0.5, 2.0, c)}, f("epsilon", 1e-3f));
        }

        /** Returns the model (IR version 8). */
        public ModelProto build() {
            return ModelProto.newBuilder().setIrVersion(8).setProducerName("stylex-audit-test")
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                    .setGraph(g).build();
        }

        /** Writes the model to {@code file} and returns it. */
        public Path write(Path file) throws IOException {
            Files.write(file, build().toByteArray());
            return file;
        }

        /** Returns the builder of the graph, for tests that need raw access. */
        public GraphProto.Builder raw() {
            return g;
        }
    }

    /** Returns an INTS attribute. */
    public static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    /** Returns an INT attribute. */
    public static AttributeProto i(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    /** Returns a FLOAT attribute. */
    public static AttributeProto f(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v)
                .build();
    }

    /** Returns a FLOATS attribute. */
    public static AttributeProto floats(String name, float... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.FLOATS);
        for (float x : v) {
            a.addFloats(x);
        }
        return a.build();
    }

    /** Returns a STRING attribute. */
    public static AttributeProto s(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(v, StandardCharsets.UTF_8)).build();
    }

    static ValueInfoProto valueInfo(String name, int elemType, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    // ---- three classifier architectures ----

    /** Writes a plain CNN with BatchNorm (Conv, BN, Relu, MaxPool, asymmetric pads, AveragePool, Gemm). */
    public static Path plainCnn(Path file, int classes) throws IOException {
        Graph g = new Graph(13, 11);
        String x = g.input("image", -1, 3, 16, 16);
        String h = g.conv(x, 3, 8, 3, 1, ints("pads", 1, 1, 1, 1));
        h = g.node("Relu", new String[] {g.batchNorm(h, 8)});
        h = g.node("MaxPool", new String[] {h}, ints("kernel_shape", 2, 2), ints("strides", 2, 2));
        h = g.conv(h, 8, 12, 3, 1, ints("pads", 0, 0, 1, 1), ints("strides", 2, 2));
        h = g.node("LeakyRelu", new String[] {g.batchNorm(h, 12)}, f("alpha", 0.1f));
        h = g.node("AveragePool", new String[] {h}, ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1));
        h = g.node("Flatten", new String[] {h});
        h = g.node("Gemm", new String[] {h, g.random(0.2, 16, 48), g.random(0.1, 16)}, i("transB", 1));
        h = g.node("Tanh", new String[] {h});
        h = g.node("Dropout", new String[] {h});
        String logits = g.node("Gemm", new String[] {h, g.random(0.3, 16, classes), g.random(0.1, classes)},
                f("alpha", 0.5f), f("beta", 2f));
        g.output(logits, -1, classes);
        return g.write(file);
    }

    /** Writes a small residual network (skip additions, 1x1 projection, GlobalAveragePool, Reshape, MatMul). */
    public static Path residual(Path file, int classes) throws IOException {
        Graph g = new Graph(13, 12);
        String x = g.input("image", -1, 3, 16, 16);
        String stem = g.node("Relu", new String[] {g.batchNorm(g.conv(x, 3, 8, 3, 1, ints("pads", 1, 1, 1, 1)),
            8)});
        // Identity block.
        String a = g.node("Relu", new String[] {g.batchNorm(g.conv(stem, 8, 8, 3, 1, ints("pads", 1, 1, 1, 1)),
            8)});
        String b = g.batchNorm(g.conv(a, 8, 8, 3, 1, ints("pads", 1, 1, 1, 1)), 8);
        String r1 = g.node("Relu", new String[] {g.node("Add", new String[] {b, stem})});
        // Down-sampling block with a 1x1 projection on the skip path.
        String c = g.node("Relu", new String[] {g.batchNorm(g.conv(r1, 8, 16, 3, 1, ints("pads", 1, 1, 1, 1),
            ints("strides", 2, 2)), 16)});
        String d = g.batchNorm(g.conv(c, 16, 16, 3, 1, ints("pads", 1, 1, 1, 1)), 16);
        String proj = g.batchNorm(g.conv(r1, 8, 16, 1, 1, ints("strides", 2, 2)), 16);
        String r2 = g.node("Relu", new String[] {g.node("Add", new String[] {d, proj})});
        String gap = g.node("GlobalAveragePool", new String[] {r2});
        String mean = g.node("ReduceMean", new String[] {g.node("Mul", new String[] {r2, r2})},
                ints("axes", 2, 3), i("keepdims", 1));
        String both = g.node("Concat", new String[] {gap, mean}, i("axis", 1));
        String flat = g.node("Reshape", new String[] {both, g.initLong(new long[] {0, -1}, 2)});
        String logits = g.node("Add", new String[] {g.node("MatMul", new String[] {flat,
            g.random(0.3, 32, classes)}), g.random(0.1, classes)});
        g.output(logits, -1, classes);
        return g.write(file);
    }

    /**
     * Writes a depthwise-separable network with ReLU6 as Clip: Clip bounds are inputs from opset 11 and attributes
     * before; includes a linear Resize and Softmax.
     */
    public static Path depthwise(Path file, int classes, int opset) throws IOException {
        Graph g = new Graph(opset, 13);
        String x = g.input("image", -1, 3, 16, 16);
        String h = relu6(g, g.batchNorm(g.conv(x, 3, 8, 3, 1, ints("pads", 1, 1, 1, 1), ints("strides", 2, 2)),
                8), opset);
        h = relu6(g, g.batchNorm(g.conv(h, 8, 8, 3, 8, ints("pads", 1, 1, 1, 1)), 8), opset);
        h = relu6(g, g.batchNorm(g.conv(h, 8, 16, 1, 1), 16), opset);
        String scales = g.init(new float[] {1, 1, 2, 2}, 4);
        h = opset < 11 ? g.node("Resize", new String[] {h, scales}, s("mode", "linear"))
                : g.node("Resize", new String[] {h, "", scales}, s("mode", "linear"));
        h = g.node("Sigmoid", new String[] {g.conv(h, 16, 16, 3, 16, ints("strides", 2, 2),
            s("auto_pad", "SAME_UPPER"))});
        h = g.conv(h, 16, 24, 1, 1);
        h = g.node("Flatten", new String[] {g.node("GlobalAveragePool", new String[] {h})});
        h = g.node("Gemm", new String[] {h, g.random(0.3, classes, 24), g.random(0.1, classes)}, i("transB", 1));
        String probs = g.node("Softmax", new String[] {h}, i("axis", 1));
        g.output(probs, -1, classes);
        return g.write(file);
    }

    private static String relu6(Graph g, String x, int opset) {
        if (opset < 11) {
            return g.node("Clip", new String[] {x}, f("min", 0f), f("max", 6f));
        }
        return g.node("Clip", new String[] {x, g.init(new float[] {0f}), g.init(new float[] {6f})});
    }

    // ---- ONNX Runtime as the reference ----

    /** Runs a single-input model in ONNX Runtime and returns its first output, flattened. */
    public static float[] runOrt(Path model, float[] input, long... shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(model.toString(), opts);
                 OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                 OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
                FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] v = new float[out.remaining()];
                out.get(v);
                return v;
            }
        }
    }

    /** Returns {@code n} normal random floats from {@code seed}. */
    public static float[] randomInput(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
