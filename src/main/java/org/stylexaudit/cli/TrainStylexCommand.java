package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stylexaudit.common.Progress;
import org.stylexaudit.synth.probe.FactorProbes;
import org.stylexaudit.train.stylex.FidelityRecord;
import org.stylexaudit.train.stylex.ImageProbe;
import org.stylexaudit.train.stylex.OnnxFrozenClassifier;
import org.stylexaudit.train.stylex.StylexConfig;
import org.stylexaudit.train.stylex.StylexExporter;
import org.stylexaudit.train.stylex.StylexTrainer;
import org.stylexaudit.train.stylex.TrainingData;
import org.stylexaudit.train.stylex.TrainingRecord;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train stylex}: trains the StylEx networks for a classifier, checkpointing to a work folder, then exports the
 * bundle with its fidelity record. Run it again with {@code --resume} to continue; a run whose step count is
 * already reached only re-exports.
 */
@Command(name = "stylex", mixinStandardHelpOptions = true,
        description = {"Trains a classifier-specific StyleGAN (StylEx: encoder, style affines, synthesis, mapping,",
                "conditional discriminator) and exports it as a model bundle with a fidelity record."})
final class TrainStylexCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = {"-w", "--workspace"}, paramLabel = "WS",
                description = "audit workspace whose ingested images (cache/*.png) are the training data")
        Path workspace;

        @Option(names = {"-i", "--images"}, paramLabel = "DIR",
                description = "folder with ground-truth.csv (file and split columns) or plain PNGs")
        Path images;
    }

    @Option(names = {"-c", "--classifier"}, required = true, paramLabel = "C.onnx",
            description = "the classifier under audit (ONNX, image -> logits)")
    Path classifier;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "BUNDLE", description = "bundle folder to write")
    Path out;

    @Option(names = {"--work"}, paramLabel = "DIR",
            description = "checkpoint and training log folder (default: BUNDLE-training beside the bundle)")
    Path work;

    @Option(names = {"-r", "--resolution"}, paramLabel = "PX", defaultValue = "64",
            description = "image side, a power of two from 8 to 128 (default: ${DEFAULT-VALUE})")
    int resolution;

    @Option(names = {"-n", "--steps"}, paramLabel = "N", description = "total training steps (default: 100000)")
    Long steps;

    @Option(names = {"-b", "--batch"}, paramLabel = "B", defaultValue = "16",
            description = "images per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = {"-s", "--seed"}, paramLabel = "S", description = "master seed (default: 20261126)")
    Long seed;

    @Option(names = {"--resume"}, description = "continue from the checkpoint in the work folder, if there is one")
    boolean resume;

    @Option(names = {"--warm-start"}, paramLabel = "CKPT",
            description = "when the work folder has no checkpoint yet, start from this one's networks and optimizer "
                    + "state (same architecture, data and classifier; other --hyper values allowed) instead of "
                    + "random weights")
    Path warmStart;

    @Option(names = {"--checkpoint-minutes"}, paramLabel = "M", defaultValue = "5",
            description = "minutes between checkpoints (default: ${DEFAULT-VALUE})")
    double checkpointMinutes;

    @Option(names = {"--classifier-range"}, paramLabel = "RANGE",
            description = "classifier input range: signed ([-1,1]) or unit ([0,1]); default: the model's "
                    + "value_range metadata, else signed")
    String classifierRange;

    @Option(names = {"--probes"}, paramLabel = "SET", defaultValue = "fundus",
            description = "probes correlated between originals and reconstructions in the fidelity record: fundus "
                    + "(org.stylexaudit.synth.probe) or none (default: ${DEFAULT-VALUE})")
    String probeSet;

    @Option(names = {"--hyper"}, paramLabel = "NAME=VALUE",
            description = "set any hyper-parameter of StylexConfig by its name, e.g. --hyper lrEncoder=1e-3 "
                    + "(repeatable; an unknown NAME lists the known ones; a resumed run must use the same values, "
                    + "except fidelityImages, which only the export reads)")
    Map<String, String> hyper = new LinkedHashMap<>();

    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = "PyTorch intra-op threads (1 is fastest on a busy shared machine)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dataDir = source.images != null ? source.images : source.workspace.resolve("cache");
        if (!Files.isDirectory(dataDir)) {
            throw new UsageException((source.images != null ? "--images" : "--workspace") + ": no such folder: "
                    + dataDir);
        }
        if (warmStart != null && !Files.isRegularFile(warmStart)) {
            throw new UsageException("--warm-start: no such file: " + warmStart);
        }
        List<ImageProbe> probes = probes();
        if (!Files.isRegularFile(classifier)) {
            throw new UsageException("--classifier: no such file: " + classifier);
        }
        if (threads != null) {
            if (threads < 1) {
                throw new UsageException("--threads must be at least 1, got " + threads);
            }
            ai.djl.engine.Engine.getEngine("PyTorch");
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
        Path workDir = work != null ? work : out.toAbsolutePath().resolveSibling(out.getFileName() + "-training");
        try (OnnxFrozenClassifier c = OnnxFrozenClassifier.load(classifier)) {
            StylexConfig cfg = config(c);
            TrainingData data = TrainingData.load(dataDir, cfg.resolution(), cfg.heldOutFraction());
            err.printf(Locale.ROOT, "data: %d training and %d held-out images, digest %s%n", data.trainCount(),
                    data.heldOutCount(), data.digest());
            try (StylexTrainer t = new StylexTrainer(cfg, c, data, workDir)) {
                TrainingRecord rec = t.train(resume, warmStart, new LineProgress(err));
                FidelityRecord f = new StylexExporter(t, probes).export(out, new LineProgress(err));
                o.printf(Locale.ROOT, "trained %d steps (%.0f s); wrote bundle %s; checkpoint in %s%n", rec.step(),
                        rec.seconds(), out, workDir);
                o.printf(Locale.ROOT, "fidelity on %d held-out images: argmax agreement %.1f %%, mean |dp| %.3f, "
                        + "PSNR %.2f dB%n", f.images(), 100 * f.argmaxAgreement(), f.meanAbsDeltaP(), f.psnr());
                f.probeCorrelations().forEach((k, v) -> o.printf(Locale.ROOT, "  probe %s r = %s, mean %.3f -> %.3f%n",
                        k, v == null ? "n/a (constant readings)" : String.format(Locale.ROOT, "%.3f", v),
                        f.probeMeans().get(k)[0], f.probeMeans().get(k)[1]));
                o.flush();
            }
        }
        return ExitCodes.OK;
    }

    private StylexConfig config(OnnxFrozenClassifier c) {
        try {
            StylexConfig cfg = StylexConfig.defaults().withResolution(resolution).withBatch(batch)
                    .withCheckpointMinutes(checkpointMinutes);
            if (steps != null) {
                cfg = cfg.withSteps(steps);
            }
            if (seed != null) {
                cfg = cfg.withSeed(seed);
            }
            String range = classifierRange != null ? classifierRange : c.valueRange() != null ? c.valueRange()
                    : "signed";
            cfg = cfg.withClassifierInput(range);
            for (Map.Entry<String, String> e : hyper.entrySet()) {
                cfg = cfg.with(e.getKey(), e.getValue());
            }
            return cfg;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Returns the fidelity probes: the fundus factor probes (lesion counts, colour cast, disc, vessels, blur). */
    private List<ImageProbe> probes() {
        return switch (probeSet) {
            case "fundus" -> List.of(img -> FactorProbes.measure(img).asMap());
            case "none" -> List.of();
            default -> throw new UsageException("--probes must be fundus or none, got " + probeSet);
        };
    }

    /** Prints each progress report as one line on stderr (batch jobs read logs, not a redrawn bar). */
    static final class LineProgress implements Progress {
        private final PrintWriter err;
        private String task = "";

        LineProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void start(String name, long units) {
            task = name;
        }

        @Override
        public void advance(long done, String detail) {
            err.printf(Locale.ROOT, "%s: %s%n", task, detail);
            err.flush();
        }

        @Override
        public void finish() {
            err.flush();
        }
    }
}
