package org.stylexaudit.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads an ONNX classifier into a differentiable {@link ImportedModel} on DJL's PyTorch engine, so a training
 * loss can back-propagate through the classifier into the networks that feed it.
 *
 * <p>Supports the operators of exported CNN classifiers ({@link #supportedOperators()}) across opset changes (Clip
 * bounds as attributes or inputs, Pad pads as input from opset 11, ReduceMean axes as input from opset 18, Resize
 * scales or sizes). Nodes whose inputs are all constants are evaluated once at import. A model using anything else
 * is refused with one message listing every unsupported operator.
 *
 * <pre>{@code
 * try (NDManager manager = NDManager.newBaseManager("PyTorch");
 *      ImportedModel classifier = OnnxImporter.load(Path.of("classifier.onnx"), manager)) {
 *     NDArray logits = classifier.forward(images);
 * }
 * }</pre>
 */
public final class OnnxImporter {

    private OnnxImporter() {
    }

    /** Returns the ONNX operator types the importer supports, in alphabetical order. */
    public static List<String> supportedOperators() {
        return ImportedOps.SUPPORTED;
    }

    /** Loads a model computing in float32; see {@link #load(Path, NDManager, DataType)}. */
    public static ImportedModel load(Path model, NDManager manager) throws OnnxImportException {
        return load(model, manager, DataType.FLOAT32);
    }

    /**
     * Loads a model; its constants live in a sub-manager of {@code manager} that the returned model closes.
     *
     * @param floatType FLOAT32, or FLOAT64 to compute in double precision (used to check gradients numerically)
     * @throws OnnxImportException when the file is unreadable or not ONNX, stores weights outside the file, has
     *     other than one graph input, or uses unsupported operators (all of them are named)
     */
    public static ImportedModel load(Path model, NDManager manager, DataType floatType) throws OnnxImportException {
        if (floatType != DataType.FLOAT32 && floatType != DataType.FLOAT64) {
            throw new IllegalArgumentException("floatType must be FLOAT32 or FLOAT64, got " + floatType);
        }
        ModelProto proto = read(model);
        GraphProto graph = proto.getGraph();
        int opset = opset(proto, model);
        List<ImportedNode> nodes = compile(graph, opset, model);
        NDManager constantsManager = manager.newSubManager();
        try {
            ImportedContext ctx = new ImportedContext(constantsManager, floatType);
            Map<String, NDArray> constants = new HashMap<>();
            for (TensorProto t : graph.getInitializerList()) {
                constants.put(t.getName(), ctx.own(ImportedTensors.toNDArray(t, constantsManager, floatType)));
            }
            ImportedSignature input = graphInput(graph, constants.keySet(), model);
            List<ImportedNode> running = fold(graph, nodes, ctx, constants, model);
            List<ImportedSignature> outputs = new ArrayList<>();
            for (ValueInfoProto v : graph.getOutputList()) {
                outputs.add(signature(v));
            }
            if (outputs.isEmpty()) {
                throw new OnnxImportException("model " + model + " declares no graph output");
            }
            return new ImportedModel(ctx, constants, running, input, outputs);
        } catch (OnnxImportException | RuntimeException e) {
            constantsManager.close();
            throw e;
        }
    }

    private static ModelProto read(Path model) throws OnnxImportException {
        try (InputStream in = Files.newInputStream(model)) {
            ModelProto proto = ModelProto.parseFrom(in);
            if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0) {
                throw new OnnxImportException("file " + model + " is not an ONNX model (no graph nodes)");
            }
            return proto;
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException("file " + model + " is not an ONNX model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OnnxImportException("cannot read ONNX model " + model + ": " + e, e);
        }
    }

    private static int opset(ModelProto proto, Path model) throws OnnxImportException {
        for (OperatorSetIdProto o : proto.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || "ai.onnx".equals(o.getDomain())) {
                return (int) o.getVersion();
            }
        }
        throw new OnnxImportException("model " + model + " imports no default ONNX opset");
    }

    /** Builds every node's computation; collects every unsupported operator before failing once. */
    private static List<ImportedNode> compile(GraphProto graph, int opset, Path model) throws OnnxImportException {
        Set<String> unsupported = new TreeSet<>();
        List<ImportedNode> nodes = new ArrayList<>();
        int index = 0;
        for (NodeProto n : graph.getNodeList()) {
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasG() || a.getGraphsCount() > 0) {
                    unsupported.add(n.getOpType() + " (sub-graph)");
                }
            }
            try {
                ImportedOp op = ImportedOps.create(n, opset, "n" + index);
                nodes.add(new ImportedNode(n.getName(), n.getOpType(), n.getInputList(), n.getOutputList(), op));
            } catch (ImportedOps.Unsupported e) {
                unsupported.add(e.getMessage());
            }
            index++;
        }
        if (!unsupported.isEmpty()) {
            throw new OnnxImportException("model " + model + " (opset " + opset + ") uses " + unsupported.size()
                    + " unsupported ONNX operator" + (unsupported.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", unsupported) + ". Supported: " + String.join(", ", ImportedOps.SUPPORTED));
        }
        return nodes;
    }

    private static ImportedSignature graphInput(GraphProto graph, Set<String> initializers, Path model)
            throws OnnxImportException {
        List<ImportedSignature> inputs = new ArrayList<>();
        for (ValueInfoProto v : graph.getInputList()) {
            // Before IR version 4 initializers were also listed as graph inputs.
            if (!initializers.contains(v.getName())) {
                inputs.add(signature(v));
            }
        }
        if (inputs.size() != 1) {
            throw new OnnxImportException("model " + model + " has " + inputs.size()
                    + " graph inputs " + inputs + "; a classifier must take exactly one image tensor");
        }
        return inputs.get(0);
    }

    private static ImportedSignature signature(ValueInfoProto v) {
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        long[] dims = new long[shape.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            dims[i] = d.hasDimValue() ? d.getDimValue() : -1;
        }
        return new ImportedSignature(v.getName(), dims);
    }

    /**
     * Evaluates Constant nodes and nodes fed only by constants once; returns the nodes left to run per forward.
     * Also checks that the graph is topologically sorted, as ONNX requires.
     */
    private static List<ImportedNode> fold(GraphProto graph, List<ImportedNode> nodes, ImportedContext ctx,
            Map<String, NDArray> constants, Path model) throws OnnxImportException {
        Set<String> known = new HashSet<>(constants.keySet());
        for (ValueInfoProto v : graph.getInputList()) {
            known.add(v.getName());
        }
        List<ImportedNode> running = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            ImportedNode node = nodes.get(i);
            boolean allConstant = true;
            for (String in : node.inputs()) {
                if (!in.isEmpty() && !known.contains(in)) {
                    throw new OnnxImportException("model " + model + ": node " + node.label() + " reads '" + in
                            + "' before any node produces it (graph not topologically sorted, or dangling input)");
                }
                allConstant &= in.isEmpty() || constants.containsKey(in);
            }
            known.addAll(node.outputs());
            if ("Constant".equals(node.opType())) {
                constants.put(node.outputs().get(0), ctx.own(constantValue(graph.getNode(i), ctx)));
            } else if (allConstant) {
                NDArray[] in = node.inputs().stream().map(n -> n.isEmpty() ? null : constants.get(n))
                        .toArray(NDArray[]::new);
                NDArray[] out;
                try {
                    out = node.op().apply(ctx, in);
                } catch (RuntimeException e) {
                    throw new OnnxImportException("model " + model + ": node " + node.label()
                            + " failed on its constant inputs: " + e.getMessage(), e);
                }
                for (int k = 0; k < out.length && k < node.outputs().size(); k++) {
                    constants.put(node.outputs().get(k), ctx.own(out[k]));
                }
            } else {
                running.add(node);
            }
        }
        for (ValueInfoProto out : graph.getOutputList()) {
            if (!known.contains(out.getName())) {
                throw new OnnxImportException("model " + model + ": graph output '" + out.getName()
                        + "' is produced by no node");
            }
        }
        return running;
    }

    private static NDArray constantValue(NodeProto n, ImportedContext ctx) throws OnnxImportException {
        ImportedAttributes a = new ImportedAttributes(n);
        NDManager m = ctx.constants();
        if (a.has("value")) {
            return ImportedTensors.toNDArray(a.tensor("value"), m, ctx.floatType());
        }
        if (a.has("value_float")) {
            return m.create(a.f("value_float", 0f)).toType(ctx.floatType(), false);
        }
        if (a.has("value_floats")) {
            return m.create(a.floats("value_floats")).toType(ctx.floatType(), false);
        }
        if (a.has("value_int")) {
            return m.create(a.i("value_int", 0));
        }
        return m.create(a.ints("value_ints"));
    }
}
