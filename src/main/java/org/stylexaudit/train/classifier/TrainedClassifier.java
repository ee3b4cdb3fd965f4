package org.stylexaudit.train.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import org.stylexaudit.train.nn.Chain;
import org.stylexaudit.train.onnx.OnnxExport;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * A trained sample classifier held in native memory: predicts logits, measures accuracy and exports itself as
 * ONNX. Close it to free the weights.
 */
public final class TrainedClassifier implements AutoCloseable {

    /** Name of the ONNX input: {@code [N, 3, R, R]} float RGB in [-1, 1]. */
    public static final String INPUT = "image";
    /** Name of the ONNX output: {@code [N, 2]} logits in {@link ClassifierConfig#CLASS_NAMES} order. */
    public static final String OUTPUT = "logits";
    private static final int EVAL_BATCH = 128;

    private final NDManager manager;
    private final Chain network;
    private final ClassifierConfig config;

    TrainedClassifier(NDManager manager, Chain network, ClassifierConfig config) {
        this.manager = manager;
        this.network = network;
        this.config = config;
    }

    /** Returns the configuration it was trained with. */
    public ClassifierConfig config() {
        return config;
    }

    /** Returns the number of trainable weights. */
    public long parameterCount() {
        return network.getParameters().values().stream().filter(p -> p.requiresGradient())
                .mapToLong(p -> p.getArray().size()).sum();
    }

    /** Returns the logits ({@code [n][2]}) for images in [-1, 1], computed in DJL in inference mode. */
    public float[][] logits(List<float[]> images) {
        int r = config.resolution();
        float[][] out = new float[images.size()][];
        for (int start = 0; start < images.size(); start += EVAL_BATCH) {
            int end = Math.min(images.size(), start + EVAL_BATCH);
            try (NDManager scope = manager.newSubManager()) {
                NDArray x = batch(scope, images, start, end, r);
                float[] flat = network.forward(new ParameterStore(scope, false), new NDList(x), false).head()
                        .toFloatArray();
                for (int i = start; i < end; i++) {
                    out[i] = new float[] {flat[2 * (i - start)], flat[2 * (i - start) + 1]};
                }
            }
        }
        return out;
    }

    /** Returns the fraction of images whose arg-max logit equals their label. */
    public double accuracy(ImageSet set) {
        if (set.size() == 0) {
            return Double.NaN;
        }
        float[][] logits = logits(set.pixels());
        int correct = 0;
        for (int i = 0; i < logits.length; i++) {
            int predicted = logits[i][1] > logits[i][0] ? 1 : 0;
            correct += predicted == set.labels()[i] ? 1 : 0;
        }
        return (double) correct / logits.length;
    }

    /** Returns the ONNX graph: input {@value #INPUT} {@code [N,3,R,R]}, output {@value #OUTPUT} {@code [N,2]}. */
    public OnnxGraph toOnnx() {
        int r = config.resolution();
        OnnxGraph g = OnnxExport.graph("classifier", network,
                List.of(OnnxExport.port(INPUT, "N", 3, r, r)),
                List.of(OnnxExport.port(OUTPUT, "N", ClassifierConfig.CLASS_NAMES.size())));
        g.putMetadata("class_names", String.join(",", ClassifierConfig.CLASS_NAMES));
        g.putMetadata("value_range", "-1,1");
        g.putMetadata("channel_order", "RGB");
        return g;
    }

    /** Writes the ONNX model to {@code file}. */
    public void writeOnnx(Path file) throws IOException {
        toOnnx().write(file);
    }

    /** Stacks images {@code [start, end)} into an NCHW batch owned by {@code scope}. */
    static NDArray batch(NDManager scope, List<float[]> images, int start, int end, int r) {
        int per = 3 * r * r;
        FloatBuffer buf = FloatBuffer.allocate((end - start) * per);
        for (int i = start; i < end; i++) {
            buf.put(images.get(i));
        }
        buf.flip();
        return scope.create(buf, new Shape(end - start, 3, r, r));
    }

    Chain network() {
        return network;
    }

    @Override
    public void close() {
        manager.close();
    }
}
