package org.stylexaudit.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * Batch normalisation over the channel axis of NCHW input. Training uses batch statistics and updates the running
 * mean and variance ({@code running = 0.9 running + 0.1 batch}); inference and export use the running values.
 */
public final class BatchNorm2d extends Layer {

    /** Added to the variance before the square root; PyTorch's and ONNX's default. */
    public static final float EPSILON = 1e-5f;
    /** Weight of the old running statistic in each update (DJL convention; PyTorch's momentum 0.1). */
    public static final float MOMENTUM = 0.9f;

    private final int channels;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /** Creates batch normalisation for {@code channels} channels. */
    public BatchNorm2d(int channels) {
        this.channels = channels;
        Shape shape = new Shape(channels);
        this.gamma = param("gamma", Parameter.Type.GAMMA, shape, Initializer.ONES);
        this.beta = param("beta", Parameter.Type.BETA, shape, Initializer.ZEROS);
        this.runningMean = state("runningMean", Parameter.Type.RUNNING_MEAN, shape, Initializer.ZEROS);
        this.runningVar = state("runningVar", Parameter.Type.RUNNING_VAR, shape, Initializer.ONES);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        expectInputs(inputs, 1);
        NDArray x = inputs.head();
        if (x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("BatchNorm2d expects " + channels + " channels, got " + x.getShape());
        }
        // PyTorch's batch_norm updates the running statistics in place when training.
        return BatchNorm.batchNorm(x, value(store, runningMean, x, training), value(store, runningVar, x, training),
                value(store, gamma, x, training), value(store, beta, x, training), 1, MOMENTUM, EPSILON, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public List<String> export(OnnxGraph g, String prefix, List<String> inputs) {
        return List.of(g.node("BatchNormalization").inputs(inputs.get(0),
                        g.addInitializer(prefix + "/gamma", exported(gamma)),
                        g.addInitializer(prefix + "/beta", exported(beta)),
                        g.addInitializer(prefix + "/mean", exported(runningMean)),
                        g.addInitializer(prefix + "/var", exported(runningVar)))
                .attr("epsilon", EPSILON).output(prefix + "/bn"));
    }
}
