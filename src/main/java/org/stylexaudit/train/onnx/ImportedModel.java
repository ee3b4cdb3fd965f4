package org.stylexaudit.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a user's ONNX classifier as a differentiable function of its input (DJL, PyTorch engine). Its weights are frozen
 * constants: gradients flow through it to the input but nothing in it is trained. Made by {@link OnnxImporter}.
 *
 * <pre>{@code
 * try (NDManager m = NDManager.newBaseManager();
 *      ImportedModel classifier = OnnxImporter.load(Path.of("classifier.onnx"), m)) {
 *     NDArray logits = classifier.forward(images);   // images: float32 NCHW
 * }
 * }</pre>
 */
public final class ImportedModel implements AutoCloseable {

    private final NDManager constantsManager;
    private final ImportedContext ctx;
    private final Map<String, NDArray> constants;
    private final List<ImportedNode> nodes;
    private final ImportedSignature input;
    private final List<ImportedSignature> outputs;

    ImportedModel(ImportedContext ctx, Map<String, NDArray> constants, List<ImportedNode> nodes,
            ImportedSignature input, List<ImportedSignature> outputs) {
        this.constantsManager = ctx.constants();
        this.ctx = ctx;
        this.constants = Map.copyOf(constants);
        this.nodes = List.copyOf(nodes);
        this.input = input;
        this.outputs = List.copyOf(outputs);
    }

    /** Returns the graph input's name and declared shape ({@code -1} for symbolic dimensions). */
    public ImportedSignature input() {
        return input;
    }

    /** Returns the graph outputs' names and declared shapes; {@link #forward} computes the first. */
    public List<ImportedSignature> outputs() {
        return outputs;
    }

    /** Returns the floating point type the model computes in (its input must have this type). */
    public DataType dataType() {
        return ctx.floatType();
    }

    /**
     * Computes the first graph output. Every array it makes belongs to the input's manager, so a training step
     * that scopes its temporaries in a sub-manager also frees these. Gradients flow to {@code x} when it requires
     * them.
     *
     * @throws IllegalArgumentException when the input has the wrong type or a node cannot handle its shape
     */
    public NDArray forward(NDArray x) {
        if (x.getDataType() != ctx.floatType()) {
            throw new IllegalArgumentException("the imported model '" + input.name() + "' expects "
                    + ctx.floatType() + " input, got " + x.getDataType());
        }
        checkShape(x);
        NDManager target = x.getManager();
        Map<String, NDArray> values = new HashMap<>(constants);
        values.put(input.name(), x);
        for (ImportedNode node : nodes) {
            NDArray[] in = new NDArray[node.inputs().size()];
            for (int i = 0; i < in.length; i++) {
                String name = node.inputs().get(i);
                in[i] = name.isEmpty() ? null : values.get(name);
            }
            NDArray[] out;
            try {
                out = node.op().apply(ctx, in);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ONNX node " + node.label() + " failed: " + e.getMessage(), e);
            }
            for (int k = 0; k < out.length && k < node.outputs().size(); k++) {
                values.put(node.outputs().get(k), adopt(out[k], target));
            }
        }
        return values.get(outputs.get(0).name());
    }

    private void checkShape(NDArray x) {
        long[] declared = input.shape();
        long[] actual = x.getShape().getShape();
        boolean ok = declared.length == 0 || declared.length == actual.length;
        for (int i = 0; ok && i < declared.length; i++) {
            ok = declared[i] < 0 || declared[i] == actual[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("the imported model's input '" + input.name() + "' is declared as "
                    + java.util.Arrays.toString(declared) + " (-1: any size), got " + x.getShape());
        }
    }

    /** Returns a DJL block computing {@link #forward} on the single array of its input list. */
    public Block asBlock() {
        return new LambdaBlock(list -> new NDList(forward(list.singletonOrThrow())), "onnx-classifier");
    }

    /**
     * Moves a result made from constants-first expressions ({@code W.matMul(x)}) out of the constants' manager,
     * where it would otherwise stay until the model is closed (DJL-NOTES trap 4).
     */
    private NDArray adopt(NDArray a, NDManager target) {
        if (a.getManager() == constantsManager && !ctx.isConstant(a)) {
            a.attach(target);
        }
        return a;
    }

    /** Frees the model's constants. */
    @Override
    public void close() {
        constantsManager.close();
    }
}
