package org.stylexaudit.attfind;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the operator of a bundle's synthesis graph that the ONNX importer does not know into an exactly
 * equivalent one it does, so the graph can be differentiated in DJL: {@code Slice} of the 2-D graph input along
 * axis 1 with constant bounds and step 1 becomes a {@code MatMul} with a one-hot selection matrix. Every output is
 * {@code 1 * x} plus exact zeros, so values and gradients are unchanged for finite inputs, and one matrix product
 * replaces a per-index Gather. Anything else is left alone; the importer then names what it cannot handle.
 */
final class DifferentiableGraphs {

    private DifferentiableGraphs() {
    }

    /** Returns the rewritten model bytes. */
    static byte[] rewrite(byte[] model) throws AttFindException {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            throw new AttFindException("synthesis graph is not ONNX: " + e.getMessage(), e);
        }
        GraphProto g = proto.getGraph();
        Map<String, TensorProto> init = new HashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            init.put(t.getName(), t);
        }
        Map<String, Long> width2d = new HashMap<>();
        for (ValueInfoProto v : g.getInputList()) {
            List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
            if (dims.size() == 2 && dims.get(1).hasDimValue()) {
                width2d.put(v.getName(), dims.get(1).getDimValue());
            }
        }
        GraphProto.Builder out = g.toBuilder().clearNode();
        int made = 0;
        for (NodeProto n : g.getNodeList()) {
            if ("Slice".equals(n.getOpType()) && width2d.containsKey(n.getInput(0))
                    && sliceBounds(n, init) != null) {
                long[] b = sliceBounds(n, init);
                String sel = "attfind/select" + (made++);
                out.addInitializer(selection(sel, width2d.get(n.getInput(0)), b[0], b[1]));
                out.addNode(NodeProto.newBuilder().setName(n.getName() + "/as_matmul").setOpType("MatMul")
                        .addInput(n.getInput(0)).addInput(sel).addOutput(n.getOutput(0)));
            } else {
                out.addNode(n);
            }
        }
        return proto.toBuilder().setGraph(out).build().toByteArray();
    }

    /** Returns {start, end} of a constant single-axis slice along axis 1 with step 1, or null. */
    private static long[] sliceBounds(NodeProto n, Map<String, TensorProto> init) {
        if (n.getInputCount() < 3) {
            return null;
        }
        Long start = scalar(init.get(n.getInput(1)));
        Long end = scalar(init.get(n.getInput(2)));
        Long axis = n.getInputCount() > 3 && !n.getInput(3).isEmpty() ? scalar(init.get(n.getInput(3))) : 0L;
        Long step = n.getInputCount() > 4 && !n.getInput(4).isEmpty() ? scalar(init.get(n.getInput(4))) : 1L;
        if (start == null || end == null || axis == null || step == null || step != 1 || (axis != 1 && axis != -1)
                || start < 0 || end <= start) {
            return null;
        }
        return new long[] {start, end};
    }

    private static Long scalar(TensorProto t) {
        if (t == null) {
            return null;
        }
        if (t.getInt64DataCount() == 1) {
            return t.getInt64Data(0);
        }
        if (t.getDataType() == TensorProto.DataType.INT64_VALUE && t.getRawData().size() == 8) {
            return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
        if (t.getInt32DataCount() == 1) {
            return (long) t.getInt32Data(0);
        }
        return null;
    }

    private static TensorProto selection(String name, long width, long start, long end) {
        long cols = Math.min(end, width) - start;
        ByteBuffer buf = ByteBuffer.allocate((int) (width * cols * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (long r = 0; r < width; r++) {
            for (long c = 0; c < cols; c++) {
                buf.putFloat(r == start + c ? 1f : 0f);
            }
        }
        buf.flip();
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(width).addDims(cols).setRawData(ByteString.copyFrom(buf)).build();
    }
}
