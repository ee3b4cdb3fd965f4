/**
 * Trains a classifier-specific StyleGAN (StylEx) with DJL's PyTorch engine and exports it as an ONNX bundle.
 * Entry types: {@link org.stylexaudit.train.stylex.StylexConfig} (every hyper-parameter),
 * {@link org.stylexaudit.train.stylex.StylexTrainer} (training loop, checkpoints, resume) and
 * {@link org.stylexaudit.train.stylex.StylexExporter} (bundle with fidelity record).
 */
package org.stylexaudit.train.stylex;
