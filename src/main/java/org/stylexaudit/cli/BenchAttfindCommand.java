package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stylexaudit.attfind.AttFindBench;
import org.stylexaudit.attfind.AttFindConfig;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.Bundle;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench attfind}: AttFind throughput, compute rate against the measured peak, screened speed-up. */
@Command(name = "attfind", mixinStandardHelpOptions = true,
        description = {"Benchmarks AttFind on a few workspace images: style-coordinate evaluations per second, the "
                + "compute rate (FLOPs of synthesis + classifier per evaluation, counted from the ONNX graphs) against "
                + "the machine's peak measured in the same run (1024^3 MatMul in ONNX Runtime), by wall clock and, with "
                + "--threads 1, per CPU second of the computing thread, the time extrapolated "
                + "to N=250, and the screened search's speed-up and top-k overlap with the exhaustive one.",
                "Nothing is recorded in the workspace."})
final class BenchAttfindCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, paramLabel = "WS", description = "Audit workspace.")
    Path workspace;

    @Option(names = {"-b", "--bundle"}, required = true, paramLabel = "B", description = "StylEx bundle.")
    Path bundle;

    @Option(names = {"-n", "--images"}, paramLabel = "N", defaultValue = "8",
            description = "Images to search (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "8",
            description = "Attributes per class compared (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = {"--candidates"}, paramLabel = "C", description = "Screened candidates per class (default 4 x k).")
    Integer candidates;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @Mixin
    DiscoverCommand.EngineMixin engine;

    @Override
    public Integer call() throws Exception {
        AttFindConfig config = DiscoverCommand.config(images, k, 1.0, "exhaustive", candidates, engine.batch);
        DiscoverCommand.requireBundle(bundle);
        Bundle b = Bundle.load(bundle);
        PrintWriter out = spec.commandLine().getOut();
        AttFindBench.Result r;
        try (Workspace ws = Workspace.open(workspace); EngineSession session = EngineSession.open(b, engine.options())) {
            r = AttFindBench.run(ws, session, config, engine.threads,
                    quiet ? Progress.NONE : ConsoleProgress.forStderr(spec.commandLine().getErr()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.printf(Locale.ROOT, "images %d, searchable coordinates %d, device %s, threads %s, batch %d%n", r.images(),
                r.coordinates(), engine.device, engine.threads == 0 ? "auto" : engine.threads, engine.batch);
        out.printf(Locale.ROOT, "exhaustive: %d evaluations in %.1f s = %.1f evaluations/s%n", r.evaluations(),
                r.exhaustiveSeconds(), r.evaluationsPerSecond());
        out.printf(Locale.ROOT, "FLOPs per evaluation: synthesis %.1f M + classifier %.1f M%n", r.synthesisFlops() / 1e6,
                r.classifierFlops() / 1e6);
        out.printf(Locale.ROOT, "compute rate %.1f GFLOP/s = %.0f %% of measured peak %.1f GFLOP/s%n",
                r.achievedGflops(), 100 * r.peakShare(), r.peakGflops());
        if (!Double.isNaN(r.peakCpuGflops())) {
            // On a shared machine the wall-clock share mostly measures the scheduler; per CPU second it measures us.
            out.printf(Locale.ROOT, "on-CPU (thread CPU time %.1f s, %.0f %% of wall): %.1f GFLOP/s = %.0f %% of the "
                    + "on-CPU peak %.1f GFLOP/s%n", r.exhaustiveCpuSeconds(),
                    100 * r.exhaustiveCpuSeconds() / r.exhaustiveSeconds(), r.achievedCpuGflops(),
                    100 * r.cpuPeakShare(), r.peakCpuGflops());
        }
        out.printf(Locale.ROOT, "N=250 exhaustive, extrapolated: %.0f s (%.1f h)%n", r.estimated250Seconds(),
                r.estimated250Seconds() / 3600);
        StringBuilder overlap = new StringBuilder();
        for (int c = 0; c < r.overlap().size(); c++) {
            overlap.append(c == 0 ? "" : ", ").append(b.manifest().classNames().get(c)).append(' ')
                    .append(r.overlap().get(c)).append('/').append(r.exhaustiveSelected().get(c));
        }
        out.printf(Locale.ROOT, "screened: %d exact evaluations, %.1f s, speed-up %.1fx; top-%d overlap with "
                + "exhaustive (shared/selected) %s%n", r.screenedEvaluations(), r.screenedSeconds(), r.speedup(),
                r.k(), overlap);
        return ExitCodes.OK;
    }
}
