package org.stylexaudit.train.classifier;

import java.util.List;

/**
 * Every hyper-parameter of the sample classifier, with documented defaults ({@link #defaults()}).
 *
 * @param resolution input side length in pixels (default 64)
 * @param channels output channels of the conv-BN-ReLU-pool stages (default 16, 32, 48, 64: about 47 k weights)
 * @param epochs passes over the training split (default 8)
 * @param batchSize images per step (default 32)
 * @param learningRate Adam learning rate (default 2e-3)
 * @param seed seed of weight initialisation and batch order (default 1)
 * @param labelColumn the CSV column holding the 0/1 label (default {@code referable_dr})
 */
public record ClassifierConfig(int resolution, List<Integer> channels, int epochs, int batchSize,
        double learningRate, long seed, String labelColumn) {

    /** The class names in logit order. */
    public static final List<String> CLASS_NAMES = List.of("no_referable_dr", "referable_dr");

    /** Checks the values. */
    public ClassifierConfig {
        channels = List.copyOf(channels);
        int stages = channels.size();
        if (stages == 0 || resolution % (1 << stages) != 0) {
            throw new IllegalArgumentException("resolution must be divisible by 2^" + stages + " (one halving per "
                    + "stage), got " + resolution);
        }
        if (epochs < 0 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs >= 0, batch size >= 1 and learning rate > 0 expected, got "
                    + epochs + ", " + batchSize + ", " + learningRate);
        }
    }

    /** Returns the defaults: 64 px, channels 16/32/48/64, 8 epochs, batch 32, lr 2e-3, seed 1. */
    public static ClassifierConfig defaults() {
        return new ClassifierConfig(64, List.of(16, 32, 48, 64), 8, 32, 2e-3, 1L, "referable_dr");
    }

    /** Returns a copy with another resolution. */
    public ClassifierConfig withResolution(int value) {
        return new ClassifierConfig(value, channels, epochs, batchSize, learningRate, seed, labelColumn);
    }

    /** Returns a copy with another number of epochs. */
    public ClassifierConfig withEpochs(int value) {
        return new ClassifierConfig(resolution, channels, value, batchSize, learningRate, seed, labelColumn);
    }

    /** Returns a copy with another seed. */
    public ClassifierConfig withSeed(long value) {
        return new ClassifierConfig(resolution, channels, epochs, batchSize, learningRate, value, labelColumn);
    }

    /** Returns a copy with other stage widths. */
    public ClassifierConfig withChannels(List<Integer> value) {
        return new ClassifierConfig(resolution, value, epochs, batchSize, learningRate, seed, labelColumn);
    }

    /** Returns a copy with another batch size. */
    public ClassifierConfig withBatchSize(int value) {
        return new ClassifierConfig(resolution, channels, epochs, value, learningRate, seed, labelColumn);
    }
}
