package org.stylexaudit.train.stylex;

import java.util.List;

/**
 * Summarises a training run for the bundle: configuration, data and classifier digests, progress and loss curves.
 *
 * @param config every hyper-parameter
 * @param dataDigest SHA-256 over the training images (see {@link TrainingData#digest()})
 * @param classifierDigest SHA-256 of the classifier ONNX file
 * @param step steps trained so far
 * @param seconds training seconds so far, summed over sessions
 * @param trainImages number of training images
 * @param heldOutImages number of held-out images
 * @param history loss curves
 */
public record TrainingRecord(StylexConfig config, String dataDigest, String classifierDigest, long step,
        double seconds, int trainImages, int heldOutImages, List<LossPoint> history) {
}
