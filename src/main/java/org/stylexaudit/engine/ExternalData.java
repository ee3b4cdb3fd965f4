package org.stylexaudit.engine;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.SparseTensorProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks the external-data references of an ONNX model (TensorProto {@code data_location = EXTERNAL}, ONNX IR
 * "External Data"): each {@code location} must be a relative path that stays inside the bundle folder and names a
 * file the manifest lists, so the hash check covers everything ONNX Runtime would read and a model cannot make the
 * runtime open a file elsewhere on the machine.
 */
final class ExternalData {

    private ExternalData() {
    }

    /**
     * Returns one problem per bad reference in {@code model} (the bytes of listed file {@code name}); empty when every
     * tensor keeps its data inside the file or in a listed file of the folder.
     *
     * @param listed the file names the manifest lists
     */
    static List<String> problems(String name, byte[] model, Set<String> listed) {
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(model);
        } catch (InvalidProtocolBufferException e) {
            return List.of(name + " is not a valid ONNX model (" + e.getMessage() + ")");
        }
        List<String> problems = new ArrayList<>();
        graph(name, proto.getGraph(), listed, problems, 0);
        return problems;
    }

    private static void graph(String name, GraphProto g, Set<String> listed, List<String> problems, int depth) {
        if (depth > 64) {
            problems.add(name + " nests subgraphs deeper than 64 levels");
            return;
        }
        for (TensorProto t : g.getInitializerList()) {
            tensor(name, t, listed, problems);
        }
        for (SparseTensorProto s : g.getSparseInitializerList()) {
            tensor(name, s.getValues(), listed, problems);
            tensor(name, s.getIndices(), listed, problems);
        }
        for (NodeProto n : g.getNodeList()) {
            for (AttributeProto a : n.getAttributeList()) {
                if (a.hasT()) {
                    tensor(name, a.getT(), listed, problems);
                }
                for (TensorProto t : a.getTensorsList()) {
                    tensor(name, t, listed, problems);
                }
                if (a.hasSparseTensor()) {
                    tensor(name, a.getSparseTensor().getValues(), listed, problems);
                    tensor(name, a.getSparseTensor().getIndices(), listed, problems);
                }
                if (a.hasG()) {
                    graph(name, a.getG(), listed, problems, depth + 1);
                }
                for (GraphProto sub : a.getGraphsList()) {
                    graph(name, sub, listed, problems, depth + 1);
                }
            }
        }
    }

    private static void tensor(String name, TensorProto t, Set<String> listed, List<String> problems) {
        if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL && t.getExternalDataCount() == 0) {
            return;
        }
        String location = null;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            if ("location".equals(e.getKey())) {
                location = e.getValue();
            }
        }
        String what = name + ": tensor '" + t.getName() + "' keeps its data in ";
        if (location == null || location.isEmpty()) {
            problems.add(what + "an external file without a location");
            return;
        }
        String inside = insideFolder(location);
        if (inside == null) {
            problems.add(what + "'" + location + "', outside the bundle folder");
        } else if (!listed.contains(inside)) {
            problems.add(what + "'" + location + "', which " + BundleJson.FILE + " does not list (no hash covers it)");
        }
    }

    /**
     * Returns the location as a folder-relative name with {@code /} separators, or null when it is absolute or
     * climbs out of the folder ({@code ..}, a drive letter, a backslash path).
     */
    static String insideFolder(String location) {
        if (location.indexOf('\0') >= 0 || location.contains("\\") || location.contains(":")) {
            return null;
        }
        Path p = Path.of(location);
        if (p.isAbsolute()) {
            return null;
        }
        Path n = p.normalize();
        if (n.toString().isEmpty() || n.startsWith("..")) {
            return null;
        }
        return n.toString().replace(java.io.File.separatorChar, '/');
    }
}
