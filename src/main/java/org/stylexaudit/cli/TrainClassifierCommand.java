package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stylexaudit.store.RunStore;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.train.classifier.ClassifierCard;
import org.stylexaudit.train.classifier.ClassifierConfig;
import org.stylexaudit.train.classifier.ClassifierTraining;
import org.stylexaudit.train.classifier.GroundTruthException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train classifier}: trains the small sample CNN for {@code referable_dr} and writes
 * {@code classifier.onnx} plus {@code classifier.json}.
 */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = {"Trains the sample classifier (a small CNN, image -> 2 logits) on the train split of a",
                "ground-truth CSV and writes it as ONNX with a JSON card beside it."})
final class TrainClassifierCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-l", "--labels"}, required = true, paramLabel = "CSV",
            description = "ground-truth.csv of the training archive (image paths relative to it, split column)")
    Path labels;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "ONNX file to write; the card is written beside it as .json")
    Path out;

    @Option(names = {"-r", "--resolution"}, paramLabel = "PX", defaultValue = "64",
            description = "input side length (default: ${DEFAULT-VALUE})")
    int resolution;

    @Option(names = {"-e", "--epochs"}, paramLabel = "N", defaultValue = "8",
            description = "passes over the training split (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = {"-s", "--seed"}, paramLabel = "S", defaultValue = "1",
            description = "seed of initialisation and batch order (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-b", "--batch-size"}, paramLabel = "N", defaultValue = "32",
            description = "images per step (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = {"-f", "--shortcut-free-labels"}, paramLabel = "CSV",
            description = "ground-truth.csv of a set made with --shortcut-strength 0; all its rows are evaluated")
    Path shortcutFree;

    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = {"PyTorch compute threads (default: one per core). On a machine shared with other jobs",
                    "1 can be several times faster, because busy cores stall PyTorch's thread barriers."})
    Integer threads;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "audit workspace in which to record this run")
    Path workspace;

    @Override
    public Integer call() throws Exception {
        checkFile(labels, "--labels");
        if (shortcutFree != null) {
            checkFile(shortcutFree, "--shortcut-free-labels");
        }
        if (threads != null) {
            if (threads < 1) {
                throw new UsageException("--threads must be at least 1, got " + threads);
            }
            // DJL reads this when the PyTorch engine starts, which happens later in this command.
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        ClassifierConfig config;
        try {
            config = ClassifierConfig.defaults().withResolution(resolution).withEpochs(epochs).withSeed(seed)
                    .withBatchSize(batchSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ClassifierTraining.Request request = new ClassifierTraining.Request(labels, out, shortcutFree, config);
        PrintWriter err = spec.commandLine().getErr();
        try {
            print(spec.commandLine().getOut(), train(request, err));
        } catch (GroundTruthException e) {
            // A label file that cannot be used is the caller's input mistake, like a bad option.
            throw new UsageException(e.getMessage());
        }
        return ExitCodes.OK;
    }

    private ClassifierCard train(ClassifierTraining.Request request, PrintWriter err) throws Exception {
        ClassifierCard card;
        if (workspace == null) {
            card = ClassifierTraining.run(request, ConsoleProgress.forStderr(err));
        } else {
            try (Workspace ws = Workspace.open(workspace)) {
                RunStore runs = ws.runs();
                long run = runs.start("train classifier", "{\"labels\":\"" + json(labels) + "\",\"out\":\""
                        + json(out) + "\",\"resolution\":" + resolution + ",\"epochs\":" + epochs + ",\"seed\":"
                        + seed + "}");
                try {
                    card = ClassifierTraining.run(request, ConsoleProgress.forStderr(err));
                } catch (Exception e) {
                    runs.finish(run, "failed", "{\"error\":\"" + json(e.getMessage()) + "\"}");
                    throw e;
                }
                runs.finish(run, "ok", "{\"validation_accuracy\":" + card.metrics().validationAccuracy()
                        + ",\"shortcut_free_accuracy\":" + card.metrics().shortcutFreeAccuracy() + "}");
            }
        }
        return card;
    }

    private static void checkFile(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new UsageException(option + ": no such file: " + p);
        }
    }

    private void print(PrintWriter o, ClassifierCard card) {
        ClassifierCard.Metrics m = card.metrics();
        o.printf(Locale.ROOT, "wrote %s and %s (%d weights, %.0f s training)%n", out,
                ClassifierTraining.cardPath(out), card.parameterCount(), card.trainingSeconds());
        o.printf(Locale.ROOT, "train images %d, validation accuracy %s, test accuracy %s%n",
                card.data().trainImages(), pct(m.validationAccuracy()), pct(m.testAccuracy()));
        if (m.shortcutFreeAccuracy() != null) {
            o.printf(Locale.ROOT, "shortcut-free accuracy %s (%d images); shortcut reliance %s%n",
                    pct(m.shortcutFreeAccuracy()), card.data().shortcutFreeImages(), pct(m.shortcutReliance()));
            o.printf(Locale.ROOT, "  camera agrees with label: %s (%d images); camera points to the other label: %s "
                    + "(%d images)%n", pct(m.congruentAccuracy()), m.congruentImages(), pct(m.incongruentAccuracy()),
                    m.incongruentImages());
        }
        o.flush();
    }

    private static String pct(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String json(Object v) {
        return String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
