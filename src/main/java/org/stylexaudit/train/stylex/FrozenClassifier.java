package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;

/**
 * Supplies the classifier under audit as a differentiable, frozen function: gradients flow through it to the images
 * but its own weights never change (their gradient recording is off).
 */
public interface FrozenClassifier extends AutoCloseable {

    /** Returns the number of classes. */
    int classes();

    /** Returns logits [B,K] for images [B,3,R,R] in the classifier's own value range. */
    NDArray logits(NDArray images);

    /** Returns the ONNX file the classifier came from; it is copied into the bundle as {@code classifier.onnx}. */
    Path onnxFile();

    /** Returns the class names, in logit order. */
    java.util.List<String> classNames();

    @Override
    void close();
}
