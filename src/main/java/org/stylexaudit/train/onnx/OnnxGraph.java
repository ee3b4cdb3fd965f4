package org.stylexaudit.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an ONNX model (opset 17) from Java: float inputs and outputs with shapes (a batch dimension may be the
 * symbolic {@code "N"}), initializers from DJL arrays, and nodes.
 *
 * <pre>{@code
 * OnnxGraph g = new OnnxGraph("classifier");
 * String x = g.addInput("image", "N", 3, 64, 64);
 * String y = network.export(g, "net", x);
 * g.addOutput(y, "logits", "N", 2);
 * g.write(Path.of("classifier.onnx"));
 * }</pre>
 *
 * <p>Tensor names are made unique by the graph, so blocks may ask for the same base name twice.
 */
public final class OnnxGraph {

    /** The ONNX operator set every exported graph declares. */
    public static final int OPSET = 17;
    /** IR version 8 is the first to allow opset 17; ONNX Runtime 1.23 reads it. */
    static final long IR_VERSION = 8;

    private final GraphProto.Builder graph;
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int nodeCount;

    /** Creates an empty graph with the given name. */
    public OnnxGraph(String name) {
        this.graph = GraphProto.newBuilder().setName(name);
    }

    /** Returns {@code base} if it is not taken yet, otherwise {@code base_2}, {@code base_3}, ...; reserves it. */
    public String uniqueName(String base) {
        String name = base;
        for (int i = 2; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /**
     * Adds a float graph input; each dimension is a {@link Number} or a symbolic name such as {@code "N"}.
     *
     * @return the input's tensor name (exactly {@code name}; it must not be taken)
     */
    public String addInput(String name, Object... dims) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("tensor name already used: " + name);
        }
        graph.addInput(valueInfo(name, dims));
        return name;
    }

    /**
     * Declares {@code tensor} a graph output called {@code name} with the given dimensions; adds an Identity node
     * when the names differ.
     */
    public void addOutput(String tensor, String name, Object... dims) {
        if (!tensor.equals(name)) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("output name already used by another tensor: " + name);
            }
            graph.addNode(NodeProto.newBuilder().setOpType("Identity").setName(name + "/identity")
                    .addInput(tensor).addOutput(name));
        }
        graph.addOutput(valueInfo(name, dims));
    }

    /** Adds a float32 initializer holding a copy of {@code array}; returns its unique tensor name. */
    public String addInitializer(String name, NDArray array) {
        NDArray values = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        return addInitializer(name, values.getShape().getShape(), values.toFloatArray());
    }

    /** Adds a float32 initializer of the given shape from row-major values; returns its unique tensor name. */
    public String addInitializer(String name, long[] shape, float[] values) {
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (count != values.length) {
            throw new IllegalArgumentException("initializer " + name + ": shape " + Arrays.toString(shape)
                    + " needs " + count + " values, got " + values.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        String unique = uniqueName(name);
        graph.addInitializer(TensorProto.newBuilder().setName(unique)
                .setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addAllDims(Arrays.stream(shape).boxed().toList())
                .setRawData(ByteString.copyFrom(buf.array())));
        return unique;
    }

    /** Adds a float32 scalar (rank 0) initializer; returns its unique tensor name. */
    public String addScalar(String name, float value) {
        return addInitializer(name, new long[0], new float[] {value});
    }

    /** Adds a 1-D int64 initializer (axes, shapes); returns its unique tensor name. */
    public String addLongs(String name, long... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        String unique = uniqueName(name);
        graph.addInitializer(TensorProto.newBuilder().setName(unique)
                .setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(values.length)
                .setRawData(ByteString.copyFrom(buf.array())));
        return unique;
    }

    /** Starts a node of the given operator type; finish it with {@link Node#output(String)}. */
    public Node node(String opType) {
        return new Node(opType);
    }

    /** Records a metadata property of the model (written into {@code metadata_props}). */
    public void putMetadata(String key, String value) {
        metadata.put(key, value);
    }

    /** Returns the number of nodes added so far. */
    public int nodeCount() {
        return graph.getNodeCount();
    }

    /** Returns the serialised model. */
    public byte[] toBytes() {
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("stylex-audit")
                .setProducerVersion(org.stylexaudit.common.ToolInfo.version())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build());
        metadata.forEach((k, v) -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build().toByteArray();
    }

    /** Writes the model to {@code file} atomically (temporary file, then move). */
    public void write(Path file) throws IOException {
        writeAtomically(file, toBytes());
    }

    /** Writes serialised model bytes to {@code file} atomically, so a reader never sees half a model. */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file owner-only (0600), and the model must stay readable by
        // the audit jobs of other users, like any file written with the process umask.
        Path tmp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime()
                + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ValueInfoProto valueInfo(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof Number n) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(n.longValue()));
            } else if (d instanceof String s) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(s));
            } else {
                throw new IllegalArgumentException("dimension of " + name + " must be a number or a name, got " + d);
            }
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** A node being built: inputs, attributes, then its single output. */
    public final class Node {
        private final NodeProto.Builder proto;

        private Node(String opType) {
            this.proto = NodeProto.newBuilder().setOpType(opType);
        }

        /** Appends inputs in order; an empty string marks an omitted optional input. */
        public Node inputs(String... tensors) {
            for (String t : tensors) {
                proto.addInput(t);
            }
            return this;
        }

        /** Appends inputs in order. */
        public Node inputs(List<String> tensors) {
            proto.addAllInput(tensors);
            return this;
        }

        /** Sets an integer attribute. */
        public Node attr(String name, long value) {
            proto.addAttribute(AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.INT).setI(value));
            return this;
        }

        /** Sets a float attribute. */
        public Node attr(String name, float value) {
            proto.addAttribute(AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.FLOAT).setF(value));
            return this;
        }

        /** Sets a string attribute. */
        public Node attr(String name, String value) {
            proto.addAttribute(AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(value)));
            return this;
        }

        /** Sets an integer-list attribute. */
        public Node attr(String name, long... values) {
            AttributeProto.Builder a = AttributeProto.newBuilder().setName(name)
                    .setType(AttributeProto.AttributeType.INTS);
            for (long v : values) {
                a.addInts(v);
            }
            proto.addAttribute(a);
            return this;
        }

        /** Adds the node with several outputs named after {@code bases} (made unique); returns their names. */
        public List<String> outputs(String... bases) {
            List<String> outs = new java.util.ArrayList<>();
            for (String base : bases) {
                String out = uniqueName(base);
                proto.addOutput(out);
                outs.add(out);
            }
            proto.setName(outs.get(0) + "/" + proto.getOpType() + "_" + (nodeCount++));
            graph.addNode(proto);
            return outs;
        }

        /** Adds the node with one output named after {@code base} (made unique); returns the output's name. */
        public String output(String base) {
            String out = uniqueName(base);
            proto.addOutput(out).setName(out + "/" + proto.getOpType() + "_" + (nodeCount++));
            graph.addNode(proto);
            return out;
        }
    }
}
