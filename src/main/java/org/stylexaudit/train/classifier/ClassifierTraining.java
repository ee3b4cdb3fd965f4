package org.stylexaudit.train.classifier;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.Progress;
import org.stylexaudit.common.ToolInfo;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * The {@code train classifier} stage: reads the ground truth, trains on the train split, measures validation and
 * test accuracy (and accuracy on a shortcut-free set when given), writes {@code classifier.onnx} and its card.
 *
 * <pre>{@code
 * ClassifierCard card = ClassifierTraining.run(new ClassifierTraining.Request(
 *         Path.of("data/train/ground-truth.csv"), Path.of("out/classifier.onnx"),
 *         Path.of("data/shortcut-free/ground-truth.csv"), ClassifierConfig.defaults()), Progress.NONE);
 * }</pre>
 */
public final class ClassifierTraining {

    private ClassifierTraining() {
    }

    /**
     * What to train and where to write it.
     *
     * @param labels ground-truth CSV of the training archive (splits train / validation / test)
     * @param out path of the ONNX file; the card goes beside it with the extension {@code .json}
     * @param shortcutFreeLabels ground-truth CSV of a set with the camera independent of the label, or null
     * @param config hyper-parameters
     */
    public record Request(Path labels, Path out, Path shortcutFreeLabels, ClassifierConfig config) {
    }

    /** Returns where the card of {@code onnxFile} is written: same name, extension {@code .json}. */
    public static Path cardPath(Path onnxFile) {
        String name = onnxFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return onnxFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /** Runs the stage; returns the card that was written. */
    public static ClassifierCard run(Request request, Progress progress) throws ClassifierException {
        ClassifierConfig config = request.config();
        GroundTruthCsv.Table table = GroundTruthCsv.read(request.labels(), config.labelColumn());
        List<LabelledImage> trainRows = table.split("train");
        if (trainRows.isEmpty()) {
            throw new GroundTruthException(request.labels(), 0, "no rows with split 'train' and a PNG/JPEG image");
        }
        int r = config.resolution();
        ImageSet train = ImageSet.load(trainRows, r, "reading training images", progress);
        ImageSet validation = ImageSet.load(table.split("validation"), r, "reading validation images", progress);
        ImageSet test = ImageSet.load(table.split("test"), r, "reading test images", progress);
        ImageSet free = null;
        if (request.shortcutFreeLabels() != null) {
            GroundTruthCsv.Table freeTable = GroundTruthCsv.read(request.shortcutFreeLabels(), config.labelColumn());
            free = ImageSet.load(freeTable.images(), r, "reading shortcut-free images", progress);
        }
        List<ClassifierTrainer.Epoch> history = new ArrayList<>();
        long t0 = System.nanoTime();
        try (TrainedClassifier trained = new ClassifierTrainer(config, progress).train(train, validation, history)) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            byte[] onnx = trained.toOnnx().toBytes();
            double exportDiff = ExportCheck.maxAbsDiff(trained, onnx, validation.size() > 0 ? validation.pixels()
                    : train.pixels());
            if (!(exportDiff <= ExportCheck.TOLERANCE)) {
                throw new ClassifierException("the exported ONNX model differs from the trained network by "
                        + exportDiff + " (tolerance " + ExportCheck.TOLERANCE + "); nothing was written");
            }
            OnnxGraph.writeAtomically(request.out(), onnx);
            Double testAcc = nullIfNaN(trained.accuracy(test));
            Double freeAcc = free == null ? null : nullIfNaN(trained.accuracy(free));
            Map<String, Integer> cameraLabels = ShortcutCheck.cameraLabels(train);
            ShortcutCheck.Result congruence = free == null ? new ShortcutCheck.Result(null, null, 0, 0)
                    : ShortcutCheck.evaluate(trained, free, cameraLabels);
            ClassifierCard card = new ClassifierCard(ClassifierCard.FORMAT, request.out().getFileName().toString(),
                    Digests.sha256Hex(request.out()), TrainedClassifier.INPUT, TrainedClassifier.OUTPUT,
                    ClassifierConfig.CLASS_NAMES, config.labelColumn(), r, "RGB", List.of(-1.0, 1.0),
                    "area averaging to " + r + "x" + r, config, config.seed(), trained.parameterCount(),
                    new ClassifierCard.Data(request.labels().toString(), train.size(), train.positiveFraction(),
                            train.digest(), validation.size(), test.size(), table.skipped(),
                            request.shortcutFreeLabels() == null ? null : request.shortcutFreeLabels().toString(),
                            free == null ? 0 : free.size(), free == null ? null : free.digest()),
                    new ClassifierCard.Metrics(nullIfNaN(trained.accuracy(validation)), testAcc, freeAcc,
                            testAcc == null || freeAcc == null ? null : testAcc - freeAcc, cameraLabels,
                            congruence.congruent(), congruence.incongruent(), congruence.congruentImages(),
                            congruence.incongruentImages()),
                    exportDiff, history, seconds, ToolInfo.environment(), Instant.now().toString());
            card.write(cardPath(request.out()));
            return card;
        } catch (IOException e) {
            throw new ClassifierException("cannot write " + request.out() + ": " + e.getMessage(), e);
        }
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
