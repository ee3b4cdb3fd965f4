package org.stylexaudit.attfind;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.BundleException;
import org.stylexaudit.engine.BundleManifest;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.store.Workspace;

/**
 * Benchmarks AttFind on a few workspace images: exhaustive evaluations per second, the compute rate that implies
 * (FLOPs of synthesis + classifier per evaluation, counted from the ONNX graphs), the machine's peak measured in the
 * same run with a large matrix product, and the screened search's speed-up and top-k agreement on the same images.
 */
public final class AttFindBench {

    private AttFindBench() {
    }

    /**
     * Benchmark figures.
     *
     * @param images images searched
     * @param coordinates searchable coordinates
     * @param evaluations exhaustive evaluations (2 x coordinates x images)
     * @param exhaustiveSeconds wall time of the exhaustive effect computation
     * @param evaluationsPerSecond exhaustive evaluations per second
     * @param synthesisFlops FLOPs of one synthesis (conv and matrix products)
     * @param classifierFlops FLOPs of one classification
     * @param achievedGflops compute rate of the exhaustive search
     * @param peakGflops measured peak (1024^3 MatMul in ONNX Runtime, same threads)
     * @param estimated250Seconds exhaustive time extrapolated to N=250 at the measured rate
     * @param screenedSeconds wall time of the screened search (gradients plus exact candidates)
     * @param screenedEvaluations exact evaluations of the screened search
     * @param overlap per class, |screened top-k ∩ exhaustive top-k|
     * @param exhaustiveSelected per class, how many attributes the exhaustive selection found (k, or fewer when the
     *     remaining columns move nothing)
     * @param k attributes per class compared
     */
    public record Result(int images, int coordinates, long evaluations, double exhaustiveSeconds,
            double evaluationsPerSecond, long synthesisFlops, long classifierFlops, double achievedGflops,
            double peakGflops, double estimated250Seconds, double screenedSeconds, long screenedEvaluations,
            List<Integer> overlap, List<Integer> exhaustiveSelected, int k, double exhaustiveCpuSeconds, double achievedCpuGflops,
            double peakCpuGflops) {

        /** Returns the achieved share of the measured peak. */
        public double peakShare() {
            return achievedGflops / peakGflops;
        }

        /** Returns the on-CPU share of the peak: both rates per CPU second of the computing thread. */
        public double cpuPeakShare() {
            return achievedCpuGflops / peakCpuGflops;
        }

        /** Returns exhaustive time over screened time. */
        public double speedup() {
            return exhaustiveSeconds / screenedSeconds;
        }
    }

    /** Runs the benchmark on the first {@code config.images()} accepted images (seeded sample). */
    public static Result run(Workspace ws, EngineSession session, AttFindConfig config, int threads,
            Progress progress) throws AttFindException {
        Discovery discovery = new Discovery(session, config, List.of());
        StyleEvaluator evaluator = new StyleEvaluator(session, config.batch());
        SearchSpace space = new SearchSpace(session.bundle().manifest().styleLayout());
        EncodedImages images = Discovery.encode(ws, discovery.chooseFor(ws), evaluator, progress);
        StyleRange range = StyleRange.of(images.styles());
        ColumnEvaluator columns = new ColumnEvaluator(evaluator, space, range, config.shift());
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        EffectTable exhaustive = ExhaustiveSearch.run(columns, space, images, config.unstableEffect(), progress);
        double exhaustiveSeconds = (System.nanoTime() - t0) / 1e9;
        double exhaustiveCpuSeconds = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
        long evaluations = (long) images.size() * exhaustive.columns().size();
        long before = evaluator.evaluations();
        t0 = System.nanoTime();
        EffectTable screened = GradientScreen.run(session.bundle(), columns, space, range, images,
                config.withMethod(AttFindConfig.Method.SCREENED), progress);
        double screenedSeconds = (System.nanoTime() - t0) / 1e9;
        long screenedEvaluations = evaluator.evaluations() - before;
        boolean[] all = new boolean[images.size()];
        java.util.Arrays.fill(all, true); // compare the selections on the same images, instability aside
        int classes = images.reconstructed()[0].length;
        List<Integer> overlap = new java.util.ArrayList<>();
        List<Integer> selected = new java.util.ArrayList<>();
        for (int y = 0; y < classes; y++) {
            Set<EffectTable.Column> e = new HashSet<>();
            AttributeSelector.selectClass(exhaustive, images, all, y, config.k(), config.explainedCap())
                    .forEach(c -> e.add(exhaustive.columns().get(c)));
            int same = 0;
            for (int c : AttributeSelector.selectClass(screened, images, all, y, config.k(), config.explainedCap())) {
                same += e.contains(screened.columns().get(c)) ? 1 : 0;
            }
            overlap.add(same);
            selected.add(e.size());
        }
        BundleManifest m = session.bundle().manifest();
        long synthFlops;
        long classifierFlops;
        try {
            float[] s0 = images.styles()[0];
            synthFlops = FlopCounter.count(session.bundle().verifiedBytes(BundleManifest.SYNTHESIS),
                    new long[] {1, s0.length}, s0);
            float[] img = evaluator.images(new float[][] {s0})[0];
            classifierFlops = FlopCounter.count(session.bundle().verifiedBytes(BundleManifest.CLASSIFIER),
                    new long[] {1, m.channels(), m.resolution(), m.resolution()}, img);
        } catch (BundleException e) {
            throw new AttFindException(e.getMessage(), e);
        }
        double rate = evaluations / exhaustiveSeconds;
        double achieved = rate * (synthFlops + classifierFlops) / 1e9;
        PeakRate.Peak peak = PeakRate.measure(1024, threads, 9);
        double est250 = 250.0 * exhaustive.columns().size() / rate;
        double achievedCpu = evaluations / exhaustiveCpuSeconds * (synthFlops + classifierFlops) / 1e9;
        return new Result(images.size(), space.size(), evaluations, exhaustiveSeconds, rate, synthFlops,
                classifierFlops, achieved, peak.wallGflops(), est250, screenedSeconds, screenedEvaluations, overlap,
                selected, config.k(), exhaustiveCpuSeconds, threads == 1 ? achievedCpu : Double.NaN, peak.cpuGflops());
    }
}
