package org.stylexaudit.train.classifier;

import java.nio.file.Path;

/**
 * One row of a ground-truth CSV that the classifier can use.
 *
 * @param file the image file (resolved against the CSV's folder)
 * @param relativePath the path as written in the CSV, for digests and messages
 * @param label 0 = no referable DR, 1 = referable DR
 * @param split {@code train}, {@code validation} or {@code test} (lower case; empty when the CSV has none)
 * @param camera the camera model, or an empty string when the CSV has no camera column
 * @param line the 1-based line of the row in the CSV
 */
public record LabelledImage(Path file, String relativePath, int label, String split, String camera, long line) {
}
