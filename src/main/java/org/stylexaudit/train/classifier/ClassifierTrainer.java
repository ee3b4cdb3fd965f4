package org.stylexaudit.train.classifier;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.stylexaudit.common.Progress;
import org.stylexaudit.train.nn.Chain;

/**
 * Trains the sample classifier with Adam on softmax cross-entropy, one shuffled pass over the training images per
 * epoch, and measures validation accuracy after each epoch.
 *
 * <pre>{@code
 * try (TrainedClassifier c = new ClassifierTrainer(ClassifierConfig.defaults(), Progress.NONE)
 *         .train(trainSet, validationSet, history)) {
 *     c.writeOnnx(Path.of("classifier.onnx"));
 * }
 * }</pre>
 */
public final class ClassifierTrainer {

    private final ClassifierConfig config;
    private final Progress progress;

    /** Creates a trainer for {@code config} reporting to {@code progress}. */
    public ClassifierTrainer(ClassifierConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * One epoch's record.
     *
     * @param epoch 1-based epoch number
     * @param meanLoss mean training cross-entropy over the epoch
     * @param validationAccuracy accuracy on the validation images after the epoch (null without any)
     * @param seconds wall time of the epoch
     */
    public record Epoch(int epoch, double meanLoss, Double validationAccuracy, double seconds) {
    }

    /**
     * Trains on {@code train}, evaluating on {@code validation} after each epoch; appends epoch records to
     * {@code history}.
     */
    public TrainedClassifier train(ImageSet train, ImageSet validation, List<Epoch> history)
            throws ClassifierException {
        if (train.size() == 0) {
            throw new ClassifierException("no training images");
        }
        java.util.Optional<String> fault = org.stylexaudit.train.nn.ConvGradientCheck.fault();
        if (fault.isPresent()) {
            throw new ClassifierException(fault.get());
        }
        // Seeds the native generator that the weight initialisers draw from.
        Engine.getInstance().setRandomSeed((int) config.seed());
        NDManager manager = NDManager.newBaseManager();
        boolean ok = false;
        try {
            Chain net = ClassifierNetwork.build(config);
            int r = config.resolution();
            net.initialize(manager, DataType.FLOAT32, new Shape(config.batchSize(), 3, r, r));
            TrainedClassifier trained = new TrainedClassifier(manager, net, config);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
                    .build();
            Random order = new Random(config.seed());
            int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
            progress.start("training classifier", (long) stepsPerEpoch * config.epochs());
            long step = 0;
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                long t0 = System.nanoTime();
                List<Integer> idx = shuffled(train.size(), order);
                double lossSum = 0;
                for (int b = 0; b < stepsPerEpoch; b++) {
                    List<Integer> batch = idx.subList(b * config.batchSize(),
                            Math.min(train.size(), (b + 1) * config.batchSize()));
                    lossSum += step(manager, net, adam, train, batch);
                    step++;
                    progress.advance(step, String.format(Locale.ROOT, "epoch %d/%d loss %.4f", epoch,
                            config.epochs(), lossSum / (b + 1)));
                }
                Double acc = validation.size() == 0 ? null : trained.accuracy(validation);
                history.add(new Epoch(epoch, lossSum / stepsPerEpoch, acc, (System.nanoTime() - t0) / 1e9));
            }
            progress.finish();
            ok = true;
            return trained;
        } finally {
            if (!ok) {
                manager.close();
            }
        }
    }

    /** Runs one optimisation step on the given images; returns the batch loss. */
    private float step(NDManager manager, Chain net, Optimizer adam, ImageSet data, List<Integer> batch) {
        int r = config.resolution();
        List<float[]> images = new ArrayList<>(batch.size());
        float[] oneHot = new float[batch.size() * 2];
        for (int i = 0; i < batch.size(); i++) {
            images.add(data.pixels().get(batch.get(i)));
            oneHot[2 * i + data.labels()[batch.get(i)]] = 1f;
        }
        float loss;
        // Temporaries live in the step's sub-manager; the optimizer runs after it is closed so its state,
        // created in the parameters' manager, is not freed with them (DJL-NOTES trap 4).
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = TrainedClassifier.batch(scope, images, 0, images.size(), r);
            NDArray target = scope.create(oneHot, new Shape(batch.size(), 2));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(scope, false), new NDList(x), true).head();
                NDArray l = logits.logSoftmax(1).mul(target).sum(new int[] {1}).mean().neg();
                loss = l.getFloat();
                gc.backward(l);
            }
        }
        for (Parameter p : net.getParameters().values()) {
            if (p.requiresGradient()) {
                // getGradient() returns a new handle on each call (DJL-NOTES trap 5).
                try (NDArray grad = p.getArray().getGradient()) {
                    adam.update(p.getId(), p.getArray(), grad);
                }
            }
        }
        return loss;
    }

    private static List<Integer> shuffled(int n, Random rnd) {
        List<Integer> idx = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, rnd);
        return idx;
    }
}
