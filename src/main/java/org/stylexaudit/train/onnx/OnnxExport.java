package org.stylexaudit.train.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stylexaudit.train.nn.OnnxExportable;

/**
 * Exports a whole network as an ONNX model with named, shaped inputs and outputs.
 *
 * <pre>{@code
 * OnnxGraph g = OnnxExport.graph("synthesis", synthesis,
 *         List.of(OnnxExport.port("const", "N", 128, 4, 4), OnnxExport.port("style", "N", 1152)),
 *         List.of(OnnxExport.port("image", "N", 3, 64, 64)));
 * g.write(Path.of("synthesis.onnx"));
 * }</pre>
 */
public final class OnnxExport {

    private OnnxExport() {
    }

    /**
     * A named graph input or output with its dimensions (numbers, or names such as {@code "N"} for symbolic ones).
     *
     * @param name tensor name in the ONNX graph
     * @param dims dimensions, each an {@link Integer}/{@link Long} or a {@link String}
     */
    public record Port(String name, List<Object> dims) {
        /** Checks the dimensions. */
        public Port {
            dims = List.copyOf(dims);
            for (Object d : dims) {
                if (!(d instanceof Number) && !(d instanceof String)) {
                    throw new IllegalArgumentException("dimension of " + name + " must be a number or a name: " + d);
                }
            }
        }
    }

    /** Returns a port with the given name and dimensions. */
    public static Port port(String name, Object... dims) {
        return new Port(name, List.of(dims));
    }

    /**
     * Builds a graph that feeds the named inputs to {@code block} (in forward-{@code NDList} order) and names its
     * outputs.
     */
    public static OnnxGraph graph(String graphName, OnnxExportable block, List<Port> inputs, List<Port> outputs) {
        OnnxGraph g = new OnnxGraph(graphName);
        List<String> in = new ArrayList<>();
        for (Port p : inputs) {
            in.add(g.addInput(p.name(), p.dims().toArray()));
        }
        List<String> out = block.export(g, graphName, in);
        if (out.size() != outputs.size()) {
            throw new IllegalArgumentException(graphName + " has " + out.size() + " outputs but " + outputs.size()
                    + " output ports were given");
        }
        for (int i = 0; i < out.size(); i++) {
            g.addOutput(out.get(i), outputs.get(i).name(), outputs.get(i).dims().toArray());
        }
        return g;
    }

    /** Builds the graph as {@link #graph} does and writes it to {@code file}. */
    public static void write(Path file, String graphName, OnnxExportable block, List<Port> inputs,
            List<Port> outputs) throws IOException {
        graph(graphName, block, inputs, outputs).write(file);
    }
}
