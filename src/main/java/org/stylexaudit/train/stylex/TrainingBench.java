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
 * compute rate of the trainer's own convolutions and matrix products, and, in the same process and with the same
 * threads, the peak rate PyTorch reaches on a large matrix product. Nothing is written: the trainer starts from
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
     * @param achievedGflops   3 x forward GFLOP per step / median step time (backward taken as twice the forward)
     * @param peakGflops       median GFLOP/s of a 1024^3 PyTorch matrix product in the same process
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

    /** Runs {@code warm} untimed and {@code steps} timed training steps, then the peak measurement. */
    public Result run(int warm, int steps, Progress progress) throws StylexException {
        if (steps < 1 || warm < 0) {
            throw new IllegalArgumentException("steps must be at least 1 and warm-up steps at least 0");
        }
        double[] seconds = new double[steps];
        long flops;
        progress.start("bench train", warm + steps);
        try (StylexTrainer t = new StylexTrainer(cfg, classifier, data, scratch)) {
            for (int i = 0; i < warm; i++) {
                t.stepOnce(i);
                progress.advance(i + 1, "warm-up step " + (i + 1));
            }
            long before = t.forwardFlops();
            for (int i = 0; i < steps; i++) {
                long t0 = System.nanoTime();
                t.stepOnce(warm + i);
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                progress.advance(warm + i + 1, String.format(java.util.Locale.ROOT, "step %d: %.2f s", i + 1,
                        seconds[i]));
            }
            flops = t.forwardFlops() - before;
        }
        progress.finish();
        double median = median(seconds);
        double fwdPerStep = flops / (double) steps / 1e9;
        return new Result(steps, median, cfg.batch() / median, fwdPerStep, 3 * fwdPerStep / median, peakGflops());
    }

    /** Returns the median GFLOP/s of repeated 1024^3 matrix products through DJL's PyTorch engine. */
    static double peakGflops() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray a = m.randomUniform(-1f, 1f, new Shape(PEAK_SIDE, PEAK_SIDE));
            NDArray b = m.randomUniform(-1f, 1f, new Shape(PEAK_SIDE, PEAK_SIDE));
            double flop = 2.0 * PEAK_SIDE * PEAK_SIDE * PEAK_SIDE;
            double[] rates = new double[7];
            for (int i = -2; i < rates.length; i++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x = a.duplicate();
                    x.attach(s);
                    long t0 = System.nanoTime();
                    NDArray y = x.matMul(b);
                    y.getFloat(0, 0); // PyTorch on CPU is eager; reading one value makes the end of the work explicit
                    double sec = (System.nanoTime() - t0) / 1e9;
                    if (i >= 0) {
                        rates[i] = flop / sec / 1e9;
                    }
                }
            }
            return median(rates);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
