/**
 * ONNX import and export for training: {@link org.stylexaudit.train.onnx.OnnxImporter} loads a user's classifier
 * into a differentiable {@link org.stylexaudit.train.onnx.ImportedModel} (DJL PyTorch engine) so the classifier
 * loss can back-propagate through it; the export side writes trained networks as ONNX graphs.
 */
package org.stylexaudit.train.onnx;
