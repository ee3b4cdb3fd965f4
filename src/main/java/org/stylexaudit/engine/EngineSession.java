package org.stylexaudit.engine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a bundle's networks in ONNX Runtime, in batches, on CPU or CUDA. Sessions are created on first use from the
 * verified bytes of each file. Not thread-safe: use one session per worker thread.
 *
 * <pre>{@code
 * try (EngineSession session = EngineSession.open(Bundle.load(dir), EngineOptions.cpu().withThreads(2))) {
 *     float[][] logits = session.classify(images);          // images: CHW rows, see ImageTensors
 *     float[][] w = session.encode(images);
 *     float[][] s = session.styles(w, logits);
 *     float[][] recon = session.synthesize(s);
 * }
 * }</pre>
 */
public final class EngineSession implements AutoCloseable {

    private final Bundle bundle;
    private final EngineOptions options;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final Map<String, OrtSession> sessions = new LinkedHashMap<>();
    private final List<OrtSession.SessionOptions> sessionOptions = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private boolean cudaUnavailable;

    private EngineSession(Bundle bundle, EngineOptions options) {
        this.bundle = bundle;
        this.options = options;
    }

    /**
     * Opens a session on a verified bundle. The classifier session is created at once, so the device in use (and
     * any CPU fallback note) is known on return.
     *
     * @throws EngineException when a session cannot be created, or CUDA is required and unavailable
     * @throws BundleException when the classifier file changed since the bundle was verified
     */
    public static EngineSession open(Bundle bundle, EngineOptions options) throws EngineException, BundleException {
        EngineSession s = new EngineSession(bundle, options);
        try {
            s.session(BundleManifest.CLASSIFIER);
            return s;
        } catch (EngineException | BundleException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Returns the device the sessions run on: {@code cpu} or {@code cuda:N}. */
    public String device() {
        return options.wantsCuda() && !cudaUnavailable ? "cuda:" + options.cudaIndex() : "cpu";
    }

    /** Returns one-line notes for the operator, such as a fall-back from CUDA to CPU. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Returns the bundle this session runs. */
    public Bundle bundle() {
        return bundle;
    }

    /** Returns the classifier's output (logits or probabilities, per the manifest) for image rows. */
    public float[][] classify(float[]... images) throws EngineException, BundleException {
        return run(BundleManifest.CLASSIFIER, List.<float[][]>of(images));
    }

    /** Returns the encoder's w for image rows. */
    public float[][] encode(float[]... images) throws EngineException, BundleException {
        return run(BundleManifest.ENCODER, List.<float[][]>of(images));
    }

    /** Returns the concatenated style vectors for w and the classifier output of the same images. */
    public float[][] styles(float[][] w, float[][] classifierOutput) throws EngineException, BundleException {
        return run(BundleManifest.STYLES, List.of(w, classifierOutput));
    }

    /**
     * Returns image rows synthesised from concatenated style vectors. A synthesis network with one input takes the
     * whole vector; one with an input per style layer (named as in the layout) gets each layer's slice.
     */
    public float[][] synthesize(float[]... styles) throws EngineException, BundleException {
        OrtSession s = session(BundleManifest.SYNTHESIS);
        if (s.getNumInputs() == 1) {
            return run(BundleManifest.SYNTHESIS, List.<float[][]>of(styles));
        }
        List<float[][]> slices = new ArrayList<>();
        for (String input : s.getInputNames()) {
            StyleLayout.Layer layer = bundle.manifest().styleLayout().layers().stream()
                    .filter(l -> l.name().equals(input)).findFirst()
                    .orElseThrow(() -> new EngineException(BundleManifest.SYNTHESIS + " input '" + input
                            + "' names no layer of the style layout"));
            float[][] slice = new float[styles.length][];
            for (int i = 0; i < styles.length; i++) {
                slice[i] = Arrays.copyOfRange(styles[i], layer.offset(), layer.offset() + layer.size());
            }
            slices.add(slice);
        }
        return run(BundleManifest.SYNTHESIS, slices);
    }

    /** Returns w for latent vectors z, through the optional mapping network. */
    public float[][] map(float[]... z) throws EngineException, BundleException {
        if (!bundle.manifest().hasMapping()) {
            throw new EngineException("bundle " + bundle.dir() + " has no " + BundleManifest.MAPPING);
        }
        return run(BundleManifest.MAPPING, List.<float[][]>of(z));
    }

    /**
     * Loads every network and passes one zero image through the chain classifier, encoder, styles, synthesis (and
     * mapping), checking each output size against the manifest. Returns one text per mismatch; empty when the
     * networks fit the manifest.
     *
     * @throws EngineException when a network cannot be loaded or rejects its input
     */
    public List<String> checkInterfaces() throws EngineException, BundleException {
        BundleManifest m = bundle.manifest();
        List<String> problems = new ArrayList<>();
        float[][] image = {new float[m.channels() * m.resolution() * m.resolution()]};
        float[][] c = classify(image);
        expect(problems, BundleManifest.CLASSIFIER, "classes", m.classNames().size(), c[0].length);
        float[][] w = encode(image);
        float[][] s = styles(w, c);
        expect(problems, BundleManifest.STYLES, "style coordinates (layout total)", m.styleLayout().totalSize(),
                s[0].length);
        if (s[0].length == m.styleLayout().totalSize()) {
            float[][] x = synthesize(s);
            expect(problems, BundleManifest.SYNTHESIS, "image values (C x R x R)", image[0].length, x[0].length);
        }
        if (m.hasMapping()) {
            long[] z = ((TensorInfo) inputInfo(BundleManifest.MAPPING).getInfo()).getShape();
            if (z.length == 2 && z[1] > 0) {
                expect(problems, BundleManifest.MAPPING, "w values (encoder output)", w[0].length,
                        map(new float[][] {new float[(int) z[1]]})[0].length);
            } else {
                problems.add(BundleManifest.MAPPING + " input shape " + Arrays.toString(z) + " is not (N, Z)");
            }
        }
        return problems;
    }

    private static void expect(List<String> problems, String file, String what, int expected, int actual) {
        if (expected != actual) {
            problems.add(file + " gives " + actual + " " + what + ", the manifest implies " + expected);
        }
    }

    private NodeInfo inputInfo(String file) throws EngineException, BundleException {
        try {
            return session(file).getInputInfo().values().iterator().next();
        } catch (OrtException e) {
            throw new EngineException(file + ": cannot read its inputs: " + e.getMessage(), e);
        }
    }

    /** Runs the first output of {@code file} over all rows, batch by batch; inputs are given in graph order. */
    private float[][] run(String file, List<float[][]> inputs) throws EngineException, BundleException {
        OrtSession s = session(file);
        List<String> names = new ArrayList<>(s.getInputNames());
        if (names.size() != inputs.size()) {
            throw new EngineException(file + " has " + names.size() + " inputs " + names + "; expected "
                    + inputs.size());
        }
        int n = inputs.get(0).length;
        List<long[]> rowShapes = new ArrayList<>();
        Map<String, NodeInfo> info;
        try {
            info = s.getInputInfo();
        } catch (OrtException e) {
            throw new EngineException(file + ": cannot read its inputs: " + e.getMessage(), e);
        }
        for (int k = 0; k < names.size(); k++) {
            if (inputs.get(k).length != n) {
                throw new IllegalArgumentException(file + ": input '" + names.get(k) + "' has "
                        + inputs.get(k).length + " rows, expected " + n);
            }
            rowShapes.add(rowShape(file, names.get(k), info.get(names.get(k)), inputs.get(k)));
        }
        float[][] out = new float[n][];
        for (int start = 0; start < n; start += options.batchSize()) {
            int end = Math.min(n, start + options.batchSize());
            runBatch(file, s, names, inputs, rowShapes, start, end, out);
        }
        return out;
    }

    private void runBatch(String file, OrtSession s, List<String> names, List<float[][]> inputs,
            List<long[]> rowShapes, int start, int end, float[][] out) throws EngineException {
        int b = end - start;
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (int k = 0; k < names.size(); k++) {
                long[] row = rowShapes.get(k);
                int len = (int) Arrays.stream(row).reduce(1, (x, y) -> x * y);
                FloatBuffer buf = FloatBuffer.allocate(b * len);
                for (int i = start; i < end; i++) {
                    buf.put(inputs.get(k)[i]);
                }
                buf.flip();
                long[] shape = new long[row.length + 1];
                shape[0] = b;
                System.arraycopy(row, 0, shape, 1, row.length);
                feed.put(names.get(k), OnnxTensor.createTensor(env, buf, shape));
            }
            try (OrtSession.Result r = s.run(feed)) {
                if (!(r.get(0) instanceof OnnxTensor t) || t.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT) {
                    throw new EngineException(file + ": first output is not a float tensor");
                }
                FloatBuffer o = t.getFloatBuffer();
                int per = o.remaining() / b;
                for (int i = 0; i < b; i++) {
                    out[start + i] = new float[per];
                    o.get(out[start + i]);
                }
            }
        } catch (OrtException e) {
            throw new EngineException(file + " failed on rows " + start + ".." + (end - 1) + ": "
                    + firstLine(e.getMessage()), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** Returns the per-row shape of an input (its declared shape without the batch axis), checking row lengths. */
    private long[] rowShape(String file, String name, NodeInfo node, float[][] rows) {
        long[] declared = ((TensorInfo) node.getInfo()).getShape();
        long[] row = Arrays.copyOfRange(declared, 1, declared.length);
        int length = rows.length == 0 ? 0 : rows[0].length;
        long known = 1;
        int unknown = 0;
        for (long d : row) {
            if (d < 0) {
                unknown++;
            } else {
                known *= d;
            }
        }
        if (unknown > 0) {
            BundleManifest m = bundle.manifest();
            long image = (long) m.channels() * m.resolution() * m.resolution();
            if (row.length == 3 && length == image) {
                row = new long[] {m.channels(), m.resolution(), m.resolution()}; // dynamic image size
            } else if (unknown == 1 && known > 0 && length % known == 0) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = row[i] < 0 ? length / known : row[i];
                }
            } else {
                throw new IllegalArgumentException(file + ": cannot tell the shape of input '" + name + "' "
                        + Arrays.toString(declared) + " from rows of " + length + " values");
            }
            known = Arrays.stream(row).reduce(1, (x, y) -> x * y);
        }
        for (float[] r : rows) {
            if (r.length != known) {
                throw new IllegalArgumentException(file + ": input '" + name + "' expects rows of "
                        + Arrays.toString(row) + " = " + known + " values, got " + r.length);
            }
        }
        return row;
    }

    private OrtSession session(String file) throws EngineException, BundleException {
        OrtSession s = sessions.get(file);
        if (s == null) {
            s = create(file, bundle.verifiedBytes(file));
            sessions.put(file, s);
        }
        return s;
    }

    private OrtSession create(String file, byte[] model) throws EngineException {
        if (options.wantsCuda() && !cudaUnavailable) {
            OrtSession.SessionOptions opts = baseOptions(file);
            try {
                // onnxruntime_gpu reports CUDA as available even without a GPU; only creating a session tells.
                opts.addCUDA(options.cudaIndex());
                return env.createSession(model, opts);
            } catch (OrtException e) {
                if (options.requireGpu()) {
                    throw new EngineException("CUDA device " + options.device() + " cannot be used ("
                            + firstLine(e.getMessage()) + ") and --require-gpu is set", e);
                }
                cudaUnavailable = true;
                notes.add("CUDA device " + options.device() + " unavailable (" + firstLine(e.getMessage())
                        + "); continuing on CPU");
            }
        }
        try {
            return env.createSession(model, baseOptions(file));
        } catch (OrtException e) {
            throw new EngineException("ONNX Runtime cannot load " + file + " of bundle " + bundle.dir() + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    private OrtSession.SessionOptions baseOptions(String file) throws EngineException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        sessionOptions.add(opts);
        try {
            // Warnings go to the native stderr, not through our logs; nightly runs only want errors there.
            opts.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            if (options.threads() > 0) {
                opts.setIntraOpNumThreads(options.threads());
                opts.setInterOpNumThreads(1);
            }
            return opts;
        } catch (OrtException e) {
            throw new EngineException("cannot configure ONNX Runtime for " + file + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "no message" : s.split("\n")[0].trim();
    }

    /** Closes every session; the shared ONNX Runtime environment stays open for other sessions. */
    @Override
    public void close() {
        for (OrtSession s : sessions.values()) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // Closing frees native memory; a failure here leaves nothing the caller could act on.
            }
        }
        sessions.clear();
        sessionOptions.forEach(OrtSession.SessionOptions::close);
        sessionOptions.clear();
    }
}
