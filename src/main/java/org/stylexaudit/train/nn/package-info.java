/**
 * The layer set every trained network is built from: DJL blocks (convolution, linear, modulated convolution with
 * style inputs, activations, resampling, normalisation) that also write themselves into an ONNX graph
 * ({@link org.stylexaudit.train.nn.OnnxExportable}); {@link org.stylexaudit.train.nn.Layer} is their base class.
 */
package org.stylexaudit.train.nn;
