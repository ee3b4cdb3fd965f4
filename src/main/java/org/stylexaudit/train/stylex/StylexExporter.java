package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.Progress;
import org.stylexaudit.common.ToolInfo;

/**
 * Exports a trained StylEx model as a bundle folder: {@code classifier.onnx}, {@code encoder.onnx},
 * {@code styles.onnx}, {@code synthesis.onnx}, {@code mapping.onnx}, {@code bundle.json} and the fidelity contact
 * sheet. The moving-average weights are exported; each graph is run in ONNX Runtime on held-out inputs and
 * compared with DJL's output before the bundle is written.
 *
 * <pre>{@code
 * FidelityRecord f = new StylexExporter(trainer, probes).export(Path.of("bundle"), progress);
 * }</pre>
 */
public final class StylexExporter {

    /** Largest ONNX-versus-DJL difference accepted at export. */
    public static final double PARITY_TOLERANCE = 1e-4;
    /** File name of the contact sheet. */
    public static final String CONTACT_SHEET = "fidelity-sheet.png";
    /** Bundle format written into bundle.json. */
    public static final String FORMAT = "stylex-bundle/1";

    private final StylexTrainer t;
    private final List<ImageProbe> probes;

    /** Creates an exporter for a trainer's current (or resumed) state, with the probes to correlate. */
    public StylexExporter(StylexTrainer trainer, List<ImageProbe> probes) {
        this.t = trainer;
        this.probes = List.copyOf(probes);
    }

    /** Writes the bundle into {@code dir} (created if needed) and returns the fidelity record it contains. */
    public FidelityRecord export(Path dir, Progress progress) throws StylexException {
        StylexConfig cfg = t.config();
        try {
            Files.createDirectories(dir);
            progress.start("export bundle", 7);
            Map<String, byte[]> graphs = new LinkedHashMap<>();
            graphs.put("encoder.onnx", t.encoder.export(t.ema.encoder()));
            graphs.put("styles.onnx", t.styles.export(t.ema.styles()));
            graphs.put("synthesis.onnx", t.synthesis.export(t.ema.synthesis()));
            graphs.put("mapping.onnx", t.mapping.export(t.ema.mapping()));
            progress.advance(1, "graphs built");
            Map<String, Double> parity = parity(graphs);
            progress.advance(2, "ONNX parity " + parity);
            for (Map.Entry<String, Double> e : parity.entrySet()) {
                if (!(e.getValue() <= PARITY_TOLERANCE)) {
                    throw new StylexException(e.getKey() + " differs from DJL by " + e.getValue() + " (tolerance "
                            + PARITY_TOLERANCE + ")");
                }
            }
            for (Map.Entry<String, byte[]> g : graphs.entrySet()) {
                writeAtomically(dir.resolve(g.getKey()), g.getValue());
            }
            Files.copy(t.classifier().onnxFile(), dir.resolve("classifier.onnx"),
                    StandardCopyOption.REPLACE_EXISTING);
            progress.advance(3, "graphs written");
            FidelityRecord fidelity = fidelity(dir);
            progress.advance(6, "fidelity measured");
            writeBundleJson(dir, parity, fidelity);
            progress.advance(7, "bundle.json written");
            progress.finish();
            return fidelity;
        } catch (IOException e) {
            throw new StylexException("cannot write bundle " + dir + ": " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new StylexException("ONNX Runtime rejected an exported graph: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ parity

    private Map<String, Double> parity(Map<String, byte[]> graphs) throws OrtException {
        StylexConfig cfg = t.config();
        int n = Math.min(4, t.data().heldOutCount());
        int r = cfg.resolution();
        float[] x = t.data().heldOut(0, n);
        float[] unit = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            unit[i] = (x[i] + 1f) * 0.5f;
        }
        float[] z = StylexTrainer.gaussian(new java.util.SplittableRandom(cfg.seed()), n * cfg.zDim());
        // DJL side, on the moving-average weights.
        float[][] djl = t.withContext(ctx -> {
            NDArray xa = ctx.manager().create(x, new Shape(n, 3, r, r));
            NDArray p = t.classify(ctx, xa).softmax(1);
            NDArray w = t.encoder.forward(ctx, t.ema.encoder(), xa);
            NDArray s = t.styles.forward(ctx, t.ema.styles(), w, p);
            NDArray img = t.synthesis.forward(ctx, t.ema.synthesis(), s).add(ctx.c(1f)).mul(ctx.c(0.5f));
            NDArray wm = t.mapping.forward(ctx, t.ema.mapping(), ctx.manager().create(z, new Shape(n, cfg.zDim())));
            return new float[][] {w.toFloatArray(), p.toFloatArray(), s.toFloatArray(), img.toFloatArray(),
                    wm.toFloatArray()};
        });
        int k = t.classifier().classes();
        int styleSize = t.synthesis.styleSize();
        Map<String, Double> out = new LinkedHashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        out.put("encoder.onnx", maxDiff(run(env, graphs.get("encoder.onnx"),
                Map.of("image", new Input(unit, new long[] {n, 3, r, r}))), djl[0]));
        out.put("styles.onnx", maxDiff(run(env, graphs.get("styles.onnx"),
                Map.of("w", new Input(djl[0], new long[] {n, cfg.wDim()}),
                        "probs", new Input(djl[1], new long[] {n, k}))), djl[2]));
        out.put("synthesis.onnx", maxDiff(run(env, graphs.get("synthesis.onnx"),
                Map.of("styles", new Input(djl[2], new long[] {n, styleSize}))), djl[3]));
        out.put("mapping.onnx", maxDiff(run(env, graphs.get("mapping.onnx"),
                Map.of("z", new Input(z, new long[] {n, cfg.zDim()}))), djl[4]));
        return out;
    }

    private record Input(float[] data, long[] shape) {
    }

    static float[] run(OrtEnvironment env, byte[] model, Map<String, Input> inputs) throws OrtException {
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, opts)) {
            Map<String, OnnxTensor> feed = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, Input> e : inputs.entrySet()) {
                    feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().data()),
                            e.getValue().shape()));
                }
                try (OrtSession.Result res = session.run(feed)) {
                    FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                    float[] v = new float[fb.remaining()];
                    fb.get(v);
                    return v;
                }
            } finally {
                for (OnnxTensor ot : feed.values()) {
                    ot.close();
                }
            }
        }
    }

    private static double maxDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    // ------------------------------------------------------------------ fidelity

    private FidelityRecord fidelity(Path dir) throws IOException {
        StylexConfig cfg = t.config();
        int n = Math.min(cfg.fidelityImages(), t.data().heldOutCount());
        int r = cfg.resolution();
        int chunk = 16;
        int agree = 0;
        double dp = 0;
        double psnr = 0;
        int plane = 3 * r * r;
        float[] originals = t.data().heldOut(0, n);
        float[] recon = new float[originals.length];
        for (int from = 0; from < n; from += chunk) {
            int m = Math.min(chunk, n - from);
            float[] xs = java.util.Arrays.copyOfRange(originals, from * plane, (from + m) * plane);
            float[][] res = t.withContext(ctx -> {
                NDArray x = ctx.manager().create(xs, new Shape(m, 3, r, r));
                NDArray p = t.classify(ctx, x).softmax(1);
                NDArray xr = t.reconstruct(ctx, t.ema, x, p).clip(-1f, 1f);
                NDArray q = t.classify(ctx, xr).softmax(1);
                return new float[][] {p.toFloatArray(), q.toFloatArray(), xr.toFloatArray()};
            });
            int k = t.classifier().classes();
            for (int i = 0; i < m; i++) {
                agree += argmax(res[0], i * k, k) == argmax(res[1], i * k, k) ? 1 : 0;
                double tv = 0;
                for (int c = 0; c < k; c++) {
                    tv += Math.abs(res[0][i * k + c] - res[1][i * k + c]);
                }
                dp += tv / 2;
                double mse = 0;
                for (int j = 0; j < plane; j++) {
                    double d = (res[2][i * plane + j] - xs[i * plane + j]) * 0.5;
                    mse += d * d;
                }
                psnr += 10 * Math.log10(1.0 / Math.max(mse / plane, 1e-10));
            }
            System.arraycopy(res[2], 0, recon, from * plane, m * plane);
        }
        Map<String, Double> corr = new LinkedHashMap<>();
        for (ImageProbe probe : probes) {
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = probe.measure(TrainingData.image(originals, i * plane, r));
                b[i] = probe.measure(TrainingData.image(recon, i * plane, r));
            }
            corr.put(probe.name(), pearson(a, b));
        }
        ImageIO.write(contactSheet(originals, recon, Math.min(n, 16), r), "png",
                dir.resolve(CONTACT_SHEET).toFile());
        return new FidelityRecord(n, agree / (double) n, dp / n, psnr / n, corr, CONTACT_SHEET);
    }

    private static int argmax(float[] v, int off, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (v[off + c] > v[off + best]) {
                best = c;
            }
        }
        return best;
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i] / n;
            mb += b[i] / n;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Draws up to 8 pairs per row band: originals on top, their reconstructions underneath. */
    static BufferedImage contactSheet(float[] originals, float[] recon, int n, int r) {
        int cols = Math.min(8, n);
        int bands = (n + cols - 1) / cols;
        int scale = Math.max(1, 128 / r);
        int cell = r * scale;
        BufferedImage sheet = new BufferedImage(cols * cell, bands * 2 * cell, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        int plane = 3 * r * r;
        for (int i = 0; i < n; i++) {
            int x = (i % cols) * cell;
            int y = (i / cols) * 2 * cell;
            g.drawImage(TrainingData.image(originals, i * plane, r), x, y, cell, cell, null);
            g.drawImage(TrainingData.image(recon, i * plane, r), x, y + cell, cell, cell, null);
        }
        g.dispose();
        return sheet;
    }

    // ------------------------------------------------------------------ bundle.json

    private void writeBundleJson(Path dir, Map<String, Double> parity, FidelityRecord fidelity) throws IOException {
        StylexConfig cfg = t.config();
        int r = cfg.resolution();
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("format", FORMAT);
        b.put("created", Instant.now().toString());
        b.put("resolution", r);
        b.put("channelOrder", "RGB");
        b.put("tensorLayout", "NCHW");
        b.put("valueRange", List.of(0.0, 1.0));
        b.put("classNames", t.classifier().classNames());
        b.put("classifierInputRange", "unit".equals(cfg.classifierInput()) ? List.of(0.0, 1.0) : List.of(-1.0, 1.0));
        Map<String, Object> graphs = new LinkedHashMap<>();
        graphs.put("classifier", graph("classifier.onnx", "image [N,3,R,R] -> logits [N,K]"));
        graphs.put("encoder", graph("encoder.onnx", "image [N,3," + r + "," + r + "] -> w [N," + cfg.wDim() + "]"));
        graphs.put("styles", graph("styles.onnx", "w [N," + cfg.wDim() + "], probs [N," + t.classifier().classes()
                + "] (softmax of classifier logits) -> styles [N," + t.synthesis.styleSize() + "]"));
        graphs.put("synthesis", graph("synthesis.onnx", "styles [N," + t.synthesis.styleSize() + "] -> image [N,3,"
                + r + "," + r + "] (not clipped)"));
        graphs.put("mapping", graph("mapping.onnx", "z [N," + cfg.zDim() + "] (standard normal) -> w [N,"
                + cfg.wDim() + "]"));
        b.put("graphs", graphs);
        b.put("styleSize", t.synthesis.styleSize());
        b.put("styleSpaceSize", t.styleLayout().stream().filter(l -> "conv".equals(l.kind()))
                .mapToInt(StyleLayer::size).sum());
        b.put("styleLayout", t.styleLayout());
        Map<String, Object> files = new LinkedHashMap<>();
        for (String f : List.of("classifier.onnx", "encoder.onnx", "styles.onnx", "synthesis.onnx", "mapping.onnx",
                CONTACT_SHEET)) {
            files.put(f, Map.of("sha256", Digests.sha256Hex(dir.resolve(f)), "bytes", Files.size(dir.resolve(f))));
        }
        b.put("files", files);
        TrainingRecord rec = t.record();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("method", "StylEx (Lang et al., ICCV 2021), trained in Java with DJL/PyTorch");
        training.put("weights", "exponential moving average of encoder, styles, synthesis, mapping");
        training.put("config", rec.config());
        training.put("dataDigest", rec.dataDigest());
        training.put("classifierDigest", rec.classifierDigest());
        training.put("trainImages", rec.trainImages());
        training.put("heldOutImages", rec.heldOutImages());
        training.put("steps", rec.step());
        training.put("seconds", rec.seconds());
        training.put("parameterCounts", t.parameterCounts());
        training.put("perceptualTerm", "L1 on a Laplacian pyramid, " + Losses.PYRAMID_LEVELS
                + " band-pass levels plus low-pass");
        training.put("environment", ToolInfo.environment());
        training.put("lossCurves", rec.history());
        b.put("training", training);
        b.put("onnxParity", parity);
        b.put("fidelity", fidelity);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        writeAtomically(dir.resolve("bundle.json"), json.writeValueAsBytes(b));
    }

    private static Map<String, String> graph(String file, String signature) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("signature", signature);
        return m;
    }

    private static void writeAtomically(Path file, byte[] data) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, data);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
