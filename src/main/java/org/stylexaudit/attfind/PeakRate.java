package org.stylexaudit.attfind;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * Measures the machine's practical peak: a large float32 matrix product through ONNX Runtime with the same thread
 * setting as the search, best of several runs. This is the yardstick the search's compute rate is compared with.
 */
final class PeakRate {

    private PeakRate() {
    }

    /**
     * A measured peak.
     *
     * @param wallGflops GFLOP/s by wall-clock time (best run)
     * @param cpuGflops GFLOP/s by the calling thread's CPU time (median run); meaningful with one intra-op thread,
     *     where ONNX Runtime computes on the calling thread, NaN otherwise
     */
    record Peak(double wallGflops, double cpuGflops) {
    }

    /** Returns GFLOP/s of an {@code n x n} by {@code n x n} MatMul, best of {@code runs} after two warm-ups. */
    static double gflops(int n, int threads, int runs) throws AttFindException {
        return measure(n, threads, runs).wallGflops();
    }

    /** Returns the wall-clock and on-CPU peaks of an {@code n x n} by {@code n x n} MatMul, best of {@code runs}. */
    static Peak measure(int n, int threads, int runs) throws AttFindException {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        Random r = new Random(1);
        float[] b = new float[n * n];
        float[] a = new float[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() - 0.5f;
            a[i] = r.nextFloat() - 0.5f;
        }
        OnnxGraph g = new OnnxGraph("peak");
        String x = g.addInput("a", n, n);
        String w = g.addInitializer("b", new long[] {n, n}, b);
        g.addOutput(g.node("MatMul").inputs(x, w).output("c"), "c", n, n);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                opts.setIntraOpNumThreads(threads);
            }
            try (OrtSession s = env.createSession(g.toBytes(), opts);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(a), new long[] {n, n})) {
                double best = Double.MAX_VALUE;
                double[] cpuTimes = new double[runs];
                for (int i = 0; i < runs + 2; i++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    try (OrtSession.Result res = s.run(Map.of(x, in))) {
                        res.get(0);
                    }
                    double sec = (System.nanoTime() - t0) / 1e9;
                    double cpuSec = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
                    if (i >= 2) {
                        best = Math.min(best, sec);
                        cpuTimes[i - 2] = cpuSec;
                    }
                }
                double flops = 2.0 * n * n * (double) n;
                // The median, not the minimum: in a virtual machine short CPU-time samples are sometimes
                // under-counted, and the minimum would pick exactly those (rates above the core's FMA peak).
                java.util.Arrays.sort(cpuTimes);
                double cpuMedian = cpuTimes[runs / 2];
                return new Peak(flops / best / 1e9, threads == 1 ? flops / cpuMedian / 1e9 : Double.NaN);
            }
        } catch (OrtException e) {
            throw new AttFindException("cannot measure the peak rate: " + e.getMessage(), e);
        }
    }
}
