/**
 * The sample classifier: reads a labelled image set ({@link org.stylexaudit.train.classifier.GroundTruthCsv}),
 * trains a small CNN ({@link org.stylexaudit.train.classifier.ClassifierTrainer}) and writes it as
 * {@code classifier.onnx} with a JSON card of its provenance and accuracies
 * ({@link org.stylexaudit.train.classifier.ClassifierCard}).
 */
package org.stylexaudit.train.classifier;
