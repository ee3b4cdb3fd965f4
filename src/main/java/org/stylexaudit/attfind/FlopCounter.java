package org.stylexaudit.attfind;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts the floating-point operations of one sample through an ONNX graph: convolutions and matrix products
 * (2 per multiply-add), which dominate StyleGAN synthesis and CNN classifiers; element-wise operators are not
 * counted. Shapes come from running the graph once in ONNX Runtime with every operand exposed as an output, so no
 * shape inference of our own is needed.
 */
final class FlopCounter {

    private FlopCounter() {
    }

    /** Returns the FLOPs of one sample, running the graph once on {@code row} (the input of one sample). */
    static long count(byte[] model, long[] inputShape, float[] row) throws AttFindException {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new AttFindException("not an ONNX model: " + e.getMessage(), e);
        }
        GraphProto g = proto.getGraph();
        Map<String, TensorProto> init = new HashMap<>();
        g.getInitializerList().forEach(t -> init.put(t.getName(), t));
        Set<String> wanted = new LinkedHashSet<>();
        for (NodeProto n : g.getNodeList()) {
            if (Set.of("Conv", "MatMul", "Gemm").contains(n.getOpType())) {
                wanted.add(n.getInput(0));
                wanted.add(n.getOutput(0));
                if (!init.containsKey(n.getInput(1))) {
                    wanted.add(n.getInput(1));
                }
            }
        }
        String input = g.getInput(0).getName();
        wanted.remove(input);
        Set<String> existing = new java.util.HashSet<>();
        g.getOutputList().forEach(v -> existing.add(v.getName()));
        GraphProto.Builder b = g.toBuilder();
        for (String w : wanted) {
            if (!existing.contains(w) && !init.containsKey(w)) {
                b.addOutput(ValueInfoProto.newBuilder().setName(w).setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
            }
        }
        Map<String, long[]> shapes = new HashMap<>();
        shapes.put(input, inputShape);
        init.forEach((name, t) -> shapes.put(name, t.getDimsList().stream().mapToLong(Long::longValue).toArray()));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(proto.toBuilder().setGraph(b).build().toByteArray(), opts);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(row), inputShape);
                 OrtSession.Result r = s.run(Map.of(input, x))) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    if (e.getValue().getInfo() instanceof TensorInfo ti) {
                        shapes.put(e.getKey(), ti.getShape());
                    }
                }
            }
        } catch (OrtException e) {
            throw new AttFindException("cannot run the graph to count its operations: " + e.getMessage(), e);
        }
        long flops = 0;
        for (NodeProto n : g.getNodeList()) {
            if (!Set.of("Conv", "MatMul", "Gemm").contains(n.getOpType())) {
                continue;
            }
            long[] out = shapes.get(n.getOutput(0));
            long[] w = shapes.get(n.getInput(1));
            long[] a = shapes.get(n.getInput(0));
            if (out == null || w == null || a == null) {
                continue;
            }
            switch (n.getOpType()) {
                case "Conv" -> flops += 2 * product(out) * w[1] * (w.length > 2 ? product(w) / (w[0] * w[1]) : 1);
                case "MatMul" -> flops += 2 * product(out) * a[a.length - 1];
                case "Gemm" -> flops += 2 * product(out) * (transA(n) ? a[0] : a[a.length - 1]);
                default -> { }
            }
        }
        return flops;
    }

    private static boolean transA(NodeProto n) {
        return n.getAttributeList().stream().anyMatch(a -> a.getName().equals("transA") && a.getI() == 1);
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }
}
