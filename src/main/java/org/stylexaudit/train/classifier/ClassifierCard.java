package org.stylexaudit.train.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The JSON sidecar ({@code classifier.json}) of a trained sample classifier: how to feed it, what it predicts,
 * how it was trained and on what data, and how accurate it is with and without the planted shortcut.
 *
 * @param format identifies this file's layout
 * @param model file name of the ONNX model beside this card
 * @param modelSha256 SHA-256 of the ONNX file
 * @param input input tensor name
 * @param output output tensor name
 * @param classNames class names in logit order
 * @param task the label column trained on
 * @param resolution input side length
 * @param channelOrder channel order of the input
 * @param valueRange the range input values are scaled to
 * @param resize how images are brought to the resolution
 * @param hyperParameters the training configuration
 * @param seed the seed (also in the configuration; repeated for quick reading)
 * @param parameterCount number of trainable weights
 * @param data what was trained and evaluated on
 * @param metrics accuracies
 * @param exportMaxAbsDiff largest |ONNX Runtime - DJL| logit difference on up to 64 validation images
 * @param history per-epoch loss and validation accuracy
 * @param trainingSeconds wall time of training
 * @param environment tool, Java and OS versions
 * @param created ISO-8601 time the card was written
 */
public record ClassifierCard(String format, String model, String modelSha256, String input, String output,
        List<String> classNames, String task, int resolution, String channelOrder, List<Double> valueRange,
        String resize, ClassifierConfig hyperParameters, long seed, long parameterCount, Data data,
        Metrics metrics, double exportMaxAbsDiff, List<ClassifierTrainer.Epoch> history, double trainingSeconds,
        Map<String, String> environment, String created) {

    /** The value of {@link #format()} written by this version. */
    public static final String FORMAT = "stylex-audit-classifier-card/1";

    /**
     * The data a classifier saw.
     *
     * @param labels the ground-truth CSV trained from
     * @param trainImages images in its train split
     * @param trainPositiveFraction fraction of training images labelled 1
     * @param trainDigest SHA-256 over the training images (path, file digest, label)
     * @param validationImages images in its validation split
     * @param testImages images in its test split
     * @param skippedRows rows skipped for want of a PNG/JPEG file
     * @param shortcutFreeLabels the CSV of the shortcut-free evaluation set, or null
     * @param shortcutFreeImages images evaluated from it
     * @param shortcutFreeDigest SHA-256 over those images, or null
     */
    public record Data(String labels, int trainImages, double trainPositiveFraction, String trainDigest,
            int validationImages, int testImages, int skippedRows, String shortcutFreeLabels,
            int shortcutFreeImages, String shortcutFreeDigest) {
    }

    /**
     * Accuracies (fractions in [0, 1]; NaN is written as null where a set was absent).
     *
     * @param validationAccuracy on the validation split (shortcut present)
     * @param testAccuracy on the test split of the training archive (shortcut present)
     * @param shortcutFreeAccuracy on the shortcut-free set (camera independent of the label)
     * @param shortcutReliance test accuracy minus shortcut-free accuracy: what the shortcut is worth
     * @param cameraLabels per camera, the label most of its training images carry
     * @param congruentAccuracy shortcut-free accuracy on images whose camera usually carries their label
     * @param incongruentAccuracy shortcut-free accuracy on images whose camera usually carries the other label
     * @param congruentImages number of such congruent images
     * @param incongruentImages number of such incongruent images
     */
    public record Metrics(Double validationAccuracy, Double testAccuracy, Double shortcutFreeAccuracy,
            Double shortcutReliance, Map<String, Integer> cameraLabels, Double congruentAccuracy,
            Double incongruentAccuracy, int congruentImages, int incongruentImages) {
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes the card as JSON to {@code file} (atomically). */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file owner-only (0600), and the model must stay readable by
        // the audit jobs of other users, like any file written with the process umask.
        Path tmp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime()
                + ".tmp");
        try {
            mapper().writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a card written by {@link #write}. */
    public static ClassifierCard read(Path file) throws IOException {
        return mapper().readValue(file.toFile(), ClassifierCard.class);
    }
}
