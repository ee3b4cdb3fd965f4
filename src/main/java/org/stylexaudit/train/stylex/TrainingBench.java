package org.stylexaudit.train.stylex;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import org.stylexaudit.common.Progress;

/**
 * Measures training throughput at a configuration: seconds per full step (discriminator step plus generator and
 * encoder step, encoder and noise batches alternating, lazy R1 included at its interval), images per second, the
 * compute rate of the trainer's own convolutions and matrix products, and, interleaved with the steps and with the
 * same threads, the peak rate PyTorch reaches on a large matrix product. Nothing is written: the trainer starts from
 * its seeded initial weights in a scratch folder, because the cost of a step does not depend on the weights.
 */
public final class TrainingBench {

    /** Side of the square matrices of the peak measurement. */
    static final int PEAK_SIDE = 1024;

    /**
     * What one benchmark run measured.
     *
     * @param steps            timed steps
     * @param medianStepSeconds median wall seconds per step
     * @param imagesPerSecond  batch / median step time
     * @param forwardGflopPerStep forward GFLOP of one step, counted (classifier excluded)
     * @param achievedGflops   counted GFLOP per step / median step time, where a pass that is differentiated counts
     *                         three times its forward (input and weight gradients) and a detached pass once
     * @param peakGflops       median GFLOP/s of a 1024^3 PyTorch matrix product timed after each step
     */
    public record Result(int steps, double medianStepSeconds, double imagesPerSecond, double forwardGflopPerStep,
            double achievedGflops, double peakGflops) {

        /** Returns achieved / peak. */
        public double shareOfPeak() {
            return achievedGflops / peakGflops;
        }
    }

    private final StylexConfig cfg;
    private final FrozenClassifier classifier;
    private final TrainingData data;
    private final Path scratch;

    /** Creates a bench of {@code cfg} on {@code data}; {@code scratch} is an empty folder the trainer may use. */
    public TrainingBench(StylexConfig cfg, FrozenClassifier classifier, TrainingData data, Path scratch) {
        // Warm-up steps have no discriminator; a benchmark of the sample run's steady state needs full steps.
        this.cfg = cfg.withWarmupSteps(0);
        this.classifier = classifier;
        this.data = data;
        this.scratch = scratch;
    }

    /**
     * Runs {@code warm} untimed and {@code steps} timed training steps. After each timed step one 1024^3 matrix
     * product is timed, so that step and peak see the same share of a shared machine; both are medians.
     */
    public Result run(int warm, int steps, Progress progress) throws StylexException {
        if (steps < 1 || warm < 0) {
            throw new IllegalArgumentException("steps must be at least 1 and warm-up steps at least 0");
        }
        double[] seconds = new double[steps];
        double[] peak = new double[steps];
        long flops;
        long detached;
        progress.start("bench train", warm + steps);
        try (StylexTrainer t = new StylexTrainer(cfg, classifier, data, scratch);
                PeakProbe probe = new PeakProbe()) {
            for (int i = 0; i < warm; i++) {
                t.stepOnce(i);
                probe.gflops();
                progress.advance(i + 1, "warm-up step " + (i + 1));
            }
            long before = t.forwardFlops();
            long beforeDetached = t.forwardOnlyFlops();
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                t.stepOnce(warm + i);
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                peak[i] = probe.gflops();
                progress.advance(warm + i + 1, String.format(java.util.Locale.ROOT, "step %d: %.2f s", i + 1,
                        seconds[i]));
            }
            flops = t.forwardFlops() - before;
            detached = t.forwardOnlyFlops() - beforeDetached;
        }
        progress.finish();
        double median = median(seconds);
        double fwdPerStep = flops / (double) steps / 1e9;
        // A differentiated pass costs about three forwards (input and weight gradients); a detached one costs one.
        double totalPerStep = (3.0 * (flops - detached) + detached) / steps / 1e9;
        return new Result(steps, median, cfg.batch() / median, fwdPerStep, totalPerStep / median, median(peak));
    }

    /** Times single 1024^3 matrix products through DJL's PyTorch engine. */
    static final class PeakProbe implements AutoCloseable {
        private final NDManager m = Engine.getEngine("PyTorch").newBaseManager();
        private final NDArray a = m.randomUniform(-1f, 1f, new Shape(PEAK_SIDE, PEAK_SIDE));
        private final NDArray b = m.randomUniform(-1f, 1f, new Shape(PEAK_SIDE, PEAK_SIDE));

        /** Returns the GFLOP/s of one product. */
        double gflops() {
            try (NDManager s = m.newSubManager()) {
                NDArray x = a.duplicate();
                x.attach(s);
                long t0 = System.nanoTime();
                NDArray y = x.matMul(b);
                y.getFloat(0, 0); // PyTorch on CPU is eager; reading one value makes the end of the work explicit
                double sec = (System.nanoTime() - t0) / 1e9;
                return 2.0 * PEAK_SIDE * PEAK_SIDE * PEAK_SIDE / sec / 1e9;
            }
        }

        @Override
        public void close() {
            m.close();
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
