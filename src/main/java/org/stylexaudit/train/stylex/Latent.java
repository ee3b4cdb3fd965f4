package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;

/**
 * Holds what the encoder writes for a batch: w [B,wDim] and, with {@link StylexConfig#spatialCode()}, the spatial
 * code flattened to [B, codeSize] (null when the code is off).
 *
 * @param w the latent the style affines read
 * @param code the spatial code, or null
 */
record Latent(NDArray w, NDArray code) {

    /** Returns w followed by the code: what encoder.onnx outputs and styles.onnx reads. */
    NDArray full() {
        return code == null ? w : w.concat(code, 1);
    }
}
