package org.stylexaudit.train.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads the attributes of one ONNX node with ONNX's defaults. */
final class ImportedAttributes {

    private final Map<String, AttributeProto> byName = new HashMap<>();

    ImportedAttributes(NodeProto node) {
        for (AttributeProto a : node.getAttributeList()) {
            byName.put(a.getName(), a);
        }
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    long i(String name, long dflt) {
        AttributeProto a = byName.get(name);
        return a == null ? dflt : a.getI();
    }

    float f(String name, float dflt) {
        AttributeProto a = byName.get(name);
        return a == null ? dflt : a.getF();
    }

    String s(String name, String dflt) {
        AttributeProto a = byName.get(name);
        return a == null ? dflt : a.getS().toString(StandardCharsets.UTF_8);
    }

    /** Returns the INTS attribute, or {@code null} when absent. */
    long[] ints(String name) {
        AttributeProto a = byName.get(name);
        if (a == null) {
            return null;
        }
        return a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** Returns the FLOATS attribute, or {@code null} when absent. */
    float[] floats(String name) {
        AttributeProto a = byName.get(name);
        if (a == null) {
            return null;
        }
        float[] v = new float[a.getFloatsCount()];
        for (int k = 0; k < v.length; k++) {
            v[k] = a.getFloats(k);
        }
        return v;
    }

    /** Returns the TENSOR attribute, or {@code null} when absent. */
    TensorProto tensor(String name) {
        AttributeProto a = byName.get(name);
        return a == null || !a.hasT() ? null : a.getT();
    }
}
