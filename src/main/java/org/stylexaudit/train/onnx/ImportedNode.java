package org.stylexaudit.train.onnx;

import java.util.List;

/** One ONNX node that runs at every forward pass: its names, operator type and computation. */
record ImportedNode(String name, String opType, List<String> inputs, List<String> outputs, ImportedOp op) {

    /** Returns a label for messages: the node name when it has one, else its operator and first output. */
    String label() {
        return name.isEmpty() ? opType + " -> " + outputs.get(0) : "'" + name + "' (" + opType + ")";
    }
}
