package org.stylexaudit.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configures inference sessions: device, GPU requirement, threads and batch size.
 *
 * @param device {@code cpu}, {@code cuda} or {@code cuda:N}; CUDA falls back to CPU (with a note) when it cannot
 *     be loaded, unless {@code requireGpu}
 * @param requireGpu fail instead of falling back to CPU when CUDA is asked for and unavailable
 * @param threads intra-op threads per session; 0 lets ONNX Runtime choose (one per core)
 * @param batchSize images (or vectors) per ONNX Runtime call; default 16
 */
public record EngineOptions(String device, boolean requireGpu, int threads, int batchSize) {

    private static final Pattern DEVICE = Pattern.compile("cpu|cuda(?::(\\d+))?");

    /** Checks the values; caller mistakes are reported with what was expected and what was received. */
    public EngineOptions {
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("device must be cpu, cuda or cuda:N, got " + device);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (automatic) or positive, got " + threads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    /** Returns CPU inference with automatic threads and batches of 16. */
    public static EngineOptions cpu() {
        return new EngineOptions("cpu", false, 0, 16);
    }

    /** Returns a copy with the given device and GPU requirement. */
    public EngineOptions withDevice(String newDevice, boolean newRequireGpu) {
        return new EngineOptions(newDevice, newRequireGpu, threads, batchSize);
    }

    /** Returns a copy with the given thread count. */
    public EngineOptions withThreads(int newThreads) {
        return new EngineOptions(device, requireGpu, newThreads, batchSize);
    }

    /** Returns a copy with the given batch size. */
    public EngineOptions withBatchSize(int newBatchSize) {
        return new EngineOptions(device, requireGpu, threads, newBatchSize);
    }

    /** Returns whether CUDA is asked for. */
    public boolean wantsCuda() {
        return device.startsWith("cuda");
    }

    /** Returns the CUDA device index ({@code cuda} means 0). */
    public int cudaIndex() {
        Matcher m = DEVICE.matcher(device);
        m.matches();
        return m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    }
}
