package org.stylexaudit.train.stylex;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.djl.ndarray.NDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes an ONNX graph (opset 17) node by node from the trained parameters; the twin of {@link Layers}.
 * A dimension of {@code -1} becomes the symbolic batch dimension {@code N}.
 */
final class OnnxBuilder {

    static final int OPSET = 17;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private int counter;

    OnnxBuilder(String name) {
        graph.setName(name);
    }

    /** Declares a float graph input. */
    String input(String name, long... dims) {
        graph.addInput(valueInfo(name, dims));
        return name;
    }

    /** Declares a float graph output fed by {@code tensor}. */
    void output(String name, String tensor, long... dims) {
        node("Identity", new String[] {tensor}, name);
        graph.addOutput(valueInfo(name, dims));
    }

    /** Adds a float initializer. */
    String init(String name, float[] data, long... shape) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            buf.putFloat(f);
        }
        buf.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(com.google.protobuf.ByteString.copyFrom(buf));
        for (long d : shape) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a parameter (times its equalized-lr gain) as an initializer named {@code net/name}. */
    String param(ParamSet p, String name) {
        NDArray a = p.get(name);
        float[] v = a.toFloatArray();
        float g = p.gain(name);
        for (int i = 0; i < v.length; i++) {
            v[i] *= g;
        }
        return init(p.net() + "/" + name, v, a.getShape().getShape());
    }

    /** Adds an int64 initializer. */
    String ints(String name, long... data) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name + "_" + counter++)
                .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(data.length);
        for (long d : data) {
            t.addInt64Data(d);
        }
        graph.addInitializer(t);
        return t.getName();
    }

    /** Adds a scalar float initializer. */
    String scalar(float v) {
        return init("const_" + counter++, new float[] {v});
    }

    /** Adds a node with a fresh output name and returns that name. */
    String op(String type, String[] inputs, AttributeProto... attrs) {
        String out = type.toLowerCase() + "_" + counter++;
        node(type, inputs, out, attrs);
        return out;
    }

    private void node(String type, String[] inputs, String out, AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(type).setName(out + "_node").addOutput(out);
        for (String i : inputs) {
            n.addInput(i);
        }
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        graph.addNode(n);
    }

    static AttributeProto attr(String name, long... ints) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                .setType(AttributeProto.AttributeType.INTS);
        for (long i : ints) {
            a.addInts(i);
        }
        return a.build();
    }

    static AttributeProto attrInt(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto attrFloat(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static AttributeProto attrString(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }

    // ---- the twins of Layers ----

    String conv(String x, String w, String bias, long k) {
        String[] in = bias == null ? new String[] {x, w} : new String[] {x, w, bias};
        return op("Conv", in, attr("pads", k / 2, k / 2, k / 2, k / 2), attr("strides", 1, 1),
                attr("kernel_shape", k, k));
    }

    String add(String a, String b) {
        return op("Add", new String[] {a, b});
    }

    String sub(String a, String b) {
        return op("Sub", new String[] {a, b});
    }

    String mul(String a, String b) {
        return op("Mul", new String[] {a, b});
    }

    String div(String a, String b) {
        return op("Div", new String[] {a, b});
    }

    String matMul(String a, String b) {
        return op("MatMul", new String[] {a, b});
    }

    /** Returns {@code x W^T + b} with W already transposed into the initializer. */
    String linear(ParamSet p, String x, String w, String bias) {
        NDArray a = p.get(w);
        long o = a.getShape().get(0);
        long i = a.getShape().get(1);
        float[] v = a.transpose().toFloatArray();
        float g = p.gain(w);
        for (int j = 0; j < v.length; j++) {
            v[j] *= g;
        }
        String wt = init(p.net() + "/" + w + "_T", v, i, o);
        String y = matMul(x, wt);
        return bias == null ? y : add(y, param(p, bias));
    }

    String act(String x) {
        return mul(op("LeakyRelu", new String[] {x}, attrFloat("alpha", Layers.SLOPE)), scalar(Layers.ACT_GAIN));
    }

    String unsqueeze(String x, long... axes) {
        return op("Unsqueeze", new String[] {x, ints("axes", axes)});
    }

    String reshape(String x, long... shape) {
        return op("Reshape", new String[] {x, ints("shape", shape)});
    }

    String slice(String x, long axis, long start, long end) {
        return op("Slice", new String[] {x, ints("starts", start), ints("ends", end), ints("axes", axis)});
    }

    String concat(long axis, String... xs) {
        return op("Concat", xs, attrInt("axis", axis));
    }

    String upsample(String x) {
        String scales = init("scales_" + counter++, new float[] {1f, 1f, 2f, 2f}, 4);
        return op("Resize", new String[] {x, "", scales}, attrString("mode", "nearest"),
                attrString("nearest_mode", "floor"), attrString("coordinate_transformation_mode", "asymmetric"));
    }

    /** Doubles H and W by bilinear interpolation, half-pixel centres (the twin of Layers.upsampleLinear). */
    String upsampleLinear(String x) {
        String scales = init("scales_" + counter++, new float[] {1f, 1f, 2f, 2f}, 4);
        return op("Resize", new String[] {x, "", scales}, attrString("mode", "linear"),
                attrString("coordinate_transformation_mode", "half_pixel"));
    }

    String downsample(String x) {
        return op("AveragePool", new String[] {x}, attr("kernel_shape", 2, 2), attr("strides", 2, 2));
    }

    /** Returns the serialised model. */
    byte[] model(String producer) {
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName(producer)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build().toByteArray();
    }

    private static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }
}
