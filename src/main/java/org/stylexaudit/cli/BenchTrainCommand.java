package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stylexaudit.common.Folders;
import org.stylexaudit.common.Progress;
import org.stylexaudit.train.stylex.OnnxFrozenClassifier;
import org.stylexaudit.train.stylex.StylexConfig;
import org.stylexaudit.train.stylex.TrainingBench;
import org.stylexaudit.train.stylex.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench train}: StylEx training steps per second and compute rate against the measured peak. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Benchmarks StylEx training at a configuration (default: the sample configuration, 64 px, "
                + "batch 16): seconds per full step (discriminator + generator/encoder, encoder and noise batches "
                + "alternating), images per second, and the compute rate (forward FLOPs of the trainer's "
                + "own convolutions and matrix products, three times for passes that are differentiated; the frozen "
                + "classifier is not counted, so the rate is a "
                + "lower bound) against PyTorch's rate on a 1024^3 matrix product timed after each step.",
                "Starts from the seeded initial weights in a temporary folder; nothing is kept."})
final class BenchTrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--images"}, required = true, paramLabel = "DIR",
            description = "training images (a synth folder with ground-truth.csv, or image files)")
    Path images;

    @Option(names = {"-c", "--classifier"}, required = true, paramLabel = "C.onnx",
            description = "classifier under audit")
    Path classifier;

    @Option(names = {"-r", "--resolution"}, paramLabel = "PX", defaultValue = "64",
            description = "image side (default: ${DEFAULT-VALUE})")
    int resolution;

    @Option(names = {"-b", "--batch"}, paramLabel = "B", defaultValue = "16",
            description = "images per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = {"-n", "--steps"}, paramLabel = "N", defaultValue = "16",
            description = "timed steps; 16 include one lazy R1 step (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = {"--warm"}, paramLabel = "N", defaultValue = "2",
            description = "untimed steps first (default: ${DEFAULT-VALUE})")
    int warm;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "1",
            description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || warm < 0 || threads < 1) {
            throw new UsageException("--steps and --threads must be at least 1 and --warm at least 0");
        }
        if (!Files.isDirectory(images)) {
            throw new UsageException("--images: no such folder: " + images);
        }
        if (!Files.isRegularFile(classifier)) {
            throw new UsageException("--classifier: no such file: " + classifier);
        }
        ai.djl.engine.Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("stylex-bench-train");
        try (OnnxFrozenClassifier c = OnnxFrozenClassifier.load(classifier)) {
            StylexConfig cfg;
            try {
                cfg = StylexConfig.defaults().withResolution(resolution).withBatch(batch)
                        .withClassifierInput(c.valueRange() != null ? c.valueRange() : "signed");
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            TrainingData data = TrainingData.load(images, cfg.resolution(), cfg.heldOutFraction());
            TrainingBench.Result r = new TrainingBench(cfg, c, data, scratch).run(warm, steps,
                    quiet ? Progress.NONE : ConsoleProgress.forStderr(spec.commandLine().getErr()));
            out.printf(Locale.ROOT, "configuration %d px, batch %d, threads %d, %d timed full steps after %d%n",
                    resolution, batch, threads, r.steps(), warm);
            out.printf(Locale.ROOT, "median %.2f s/step = %.3f steps/s = %.1f images/s%n", r.medianStepSeconds(),
                    1 / r.medianStepSeconds(), r.imagesPerSecond());
            out.printf(Locale.ROOT, "forward %.2f GFLOP/step; compute rate %.2f GFLOP/s = %.0f %% of measured peak "
                    + "%.1f GFLOP/s (PyTorch %d^3 MatMul, %d thread%s)%n", r.forwardGflopPerStep(),
                    r.achievedGflops(), 100 * r.shareOfPeak(), r.peakGflops(), 1024, threads, threads == 1 ? "" : "s");
        } finally {
            Folders.deleteTree(scratch);
        }
        return ExitCodes.OK;
    }
}
