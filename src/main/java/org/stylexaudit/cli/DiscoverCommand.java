package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stylexaudit.attfind.AlignmentProbes;
import org.stylexaudit.attfind.AttFindConfig;
import org.stylexaudit.attfind.AttFindRun;
import org.stylexaudit.attfind.Attribute;
import org.stylexaudit.attfind.DiscoveryResult;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.Bundle;
import org.stylexaudit.engine.EngineOptions;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code discover}: runs AttFind on a workspace's images with a StylEx bundle and records the results. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Finds the style attributes that drive the classifier (AttFind): encodes N images, moves each "
                + "style coordinate of each image to its minimum or maximum over the N images (times --shift), records "
                + "every class probability, drops unstable images and selects k attributes per class greedily (fewer, "
                + "with a note, when no remaining coordinate moves the class).",
                "Results are stored in the workspace as a 'discover' run, with a findings folder for 'report'."})
final class DiscoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, paramLabel = "WS", description = "Audit workspace.")
    Path workspace;

    @Option(names = {"-b", "--bundle"}, required = true, paramLabel = "B", description = "StylEx bundle folder or zip.")
    Path bundle;

    @Option(names = {"-n", "--images"}, paramLabel = "N", defaultValue = "250",
            description = "Images to analyse (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "8",
            description = "Attributes per class (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = {"--shift"}, paramLabel = "F", defaultValue = "1.0",
            description = "Shift factor toward the coordinate's extreme (default: ${DEFAULT-VALUE}).")
    double shift;

    @Option(names = {"-m", "--method"}, paramLabel = "M", defaultValue = "exhaustive",
            description = "exhaustive or screened (gradient screening, then exact evaluation; default: ${DEFAULT-VALUE}). "
                    + "Screened refuses to run where PyTorch's convolution gradient is wrong; set "
                    + "ONEDNN_MAX_CPU_ISA=AVX there (bin/stylex-audit does).")
    String method;

    @Option(names = {"--candidates"}, paramLabel = "C",
            description = "Screened method: candidate columns per class (default: 4 x k).")
    Integer candidates;

    @Option(names = {"--probes"}, paramLabel = "P", defaultValue = "auto",
            description = "Probes naming the factors of the alignment table: fundus (lesion counts, colour cast, "
                    + "disc, vessels, blur; ground-truth.csv names), colour (brightness, contrast, cast), none, or "
                    + "auto: fundus when an ingested folder holds a synth ground-truth.csv and the bundle makes frames "
                    + "of 64 px or more, else colour "
                    + "(default: ${DEFAULT-VALUE}).")
    String probes;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @Mixin
    EngineMixin engine;

    @Override
    public Integer call() throws Exception {
        AttFindConfig config = config(images, k, shift, method, candidates, engine.batch);
        AlignmentProbes.Choice probeChoice = probeChoice(probes);
        requireBundle(bundle);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bundle b = Bundle.load(bundle);
        Progress progress = quiet ? Progress.NONE : ConsoleProgress.forStderr(err);
        try (Workspace ws = Workspace.open(workspace);
             EngineSession session = EngineSession.open(b, engine.options())) {
            session.notes().forEach(err::println);
            AttFindRun.Outcome o = AttFindRun.run(ws, bundle, session, config,
                    AlignmentProbes.choose(probeChoice, ws, b.manifest().resolution()), progress);
            print(o, out);
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static AttFindConfig config(int images, int k, double shift, String method, Integer candidates, int batch) {
        AttFindConfig.Method m = switch (method.toLowerCase(Locale.ROOT)) {
            case "exhaustive" -> AttFindConfig.Method.EXHAUSTIVE;
            case "screened" -> AttFindConfig.Method.SCREENED;
            default -> throw new UsageException("--method must be exhaustive or screened, got " + method);
        };
        try {
            AttFindConfig c = AttFindConfig.defaults().withImages(images).withK(k).withShift(shift).withMethod(m)
                    .withBatch(batch);
            return candidates == null ? c : c.withCandidates(candidates);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static AlignmentProbes.Choice probeChoice(String value) {
        try {
            return AlignmentProbes.Choice.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static void requireBundle(Path bundle) {
        if (!Files.isDirectory(bundle) && !Bundle.isZip(bundle)) {
            throw new UsageException("--bundle must be a bundle folder or .zip, got " + bundle);
        }
    }

    private static void print(AttFindRun.Outcome o, PrintWriter out) {
        DiscoveryResult r = o.result();
        out.printf(Locale.ROOT, "discover run %d: %s, %d images (%d stable), %d evaluations in %.1f s (%.0f/s)%n",
                o.runId(), r.config().method().name().toLowerCase(Locale.ROOT), r.images().size(), r.stableCount(),
                r.evaluations(), r.seconds(), r.evaluations() / Math.max(1e-9, r.seconds()));
        out.printf(Locale.ROOT, "reconstruction: agreement %.3f, mean |dp| %.3f, PSNR %.1f dB%n",
                r.reconstructionAgreement(), r.meanAbsProbabilityChange(), r.meanPsnr());
        for (int c = 0; c < r.classNames().size(); c++) {
            out.println("attributes toward " + r.classNames().get(c) + ":");
            for (Attribute a : r.attributesOf(c)) {
                String factor = r.alignment().stream().filter(f -> f.attributeId().equals(a.id())).findFirst()
                        .map(f -> String.format(Locale.ROOT, "  %s %+.2f sd", f.factor(), f.change())).orElse("");
                out.printf(Locale.ROOT, "  %-4s %-22s mean dp %+.3f, affects %4.0f%%%s%n", a.id(), a.label(),
                        a.meanEffect(), 100 * a.shareAffected(), factor);
            }
        }
        StringBuilder s = new StringBuilder("sufficiency (share flipped by top 1..k):");
        for (double v : r.sufficiency()) {
            s.append(String.format(Locale.ROOT, " %.2f", v));
        }
        out.println(s);
        r.notes().forEach(n -> out.println("note: " + n));
        out.println("findings: " + o.findings());
    }

    /** Engine options shared by the AttFind commands: device, GPU requirement, threads and batch size. */
    static final class EngineMixin {

        @Option(names = {"--device"}, paramLabel = "D", defaultValue = "cpu",
                description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}); falls back to CPU unless --require-gpu.")
        String device;

        @Option(names = {"--require-gpu"}, description = "Fail instead of falling back to CPU.")
        boolean requireGpu;

        @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
                description = "Intra-op threads of ONNX Runtime and of the PyTorch gradient pass of --method "
                        + "screened (0: one per core; 1 is fastest on a busy shared machine; default: "
                        + "${DEFAULT-VALUE}).")
        int threads;

        @Option(names = {"--batch"}, paramLabel = "B", defaultValue = "64",
                description = "Style vectors per ONNX Runtime call (default: ${DEFAULT-VALUE}).")
        int batch;

        EngineOptions options() {
            if (threads > 0) {
                // DJL reads these when the PyTorch engine starts (the screened gradient pass, later in the
                // command); without them PyTorch spins one thread per core next to ONNX Runtime's.
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            try {
                return EngineOptions.cpu().withDevice(device, requireGpu).withThreads(threads).withBatchSize(batch);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }
}
