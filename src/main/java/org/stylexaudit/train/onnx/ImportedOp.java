package org.stylexaudit.train.onnx;

import ai.djl.ndarray.NDArray;

/** Computes one ONNX node from its input arrays (absent optional inputs are {@code null}). */
@FunctionalInterface
interface ImportedOp {

    /** Returns the node's outputs in ONNX output order. */
    NDArray[] apply(ImportedContext ctx, NDArray[] in);
}
