package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Folders;
import org.stylexaudit.common.Progress;
import org.stylexaudit.common.ToolInfo;
import org.stylexaudit.engine.BundleException;
import org.stylexaudit.engine.BundleManifest;
import org.stylexaudit.engine.BundleWriter;
import org.stylexaudit.engine.StyleLayout;

/**
 * Exports a trained StylEx model as a bundle folder (format of {@link BundleManifest}): {@code classifier.onnx},
 * {@code encoder.onnx}, {@code styles.onnx}, {@code synthesis.onnx}, {@code mapping.onnx}, the fidelity contact
 * sheet and {@code bundle.json}, whose {@code training} record holds every hyper-parameter, the digests, the loss
 * curves, the ONNX parity and the fidelity record. The moving-average weights are exported; each graph is run in ONNX Runtime on held-out inputs and
 * compared with DJL's output before the bundle is written.
 *
 * <pre>{@code
 * FidelityRecord f = new StylexExporter(trainer, probes).export(Path.of("bundle"), progress);
 * }</pre>
 */
public final class StylexExporter {

    /** Largest ONNX-versus-DJL difference accepted at export. */
    public static final double PARITY_TOLERANCE = 1e-4;

    /** Held-out images (and noise draws) the latent-spread diagnostic uses. */
    static final int SPREAD_IMAGES = 64;
    /** Training images the linear read-out of w is fitted on (four per w dimension at the sample configuration). */
    static final int READOUT_FIT_IMAGES = 1024;
    /** File name of the contact sheet. */
    public static final String CONTACT_SHEET = "fidelity-sheet.png";
    /** Exporter format recorded in the training record of bundle.json. */
    public static final String FORMAT = "stylex-train/1";

    private final StylexTrainer t;
    private final List<ImageProbe> probes;

    /** Creates an exporter for a trainer's current (or resumed) state, with the probes to correlate. */
    public StylexExporter(StylexTrainer trainer, List<ImageProbe> probes) {
        this.t = trainer;
        this.probes = List.copyOf(probes);
    }

    /**
     * Writes the bundle into {@code dir} and returns the fidelity record it contains. The bundle is assembled by
     * {@link BundleWriter} in a temporary sibling and renamed into place; an older bundle in {@code dir} is moved
     * aside first and deleted once the new one is complete.
     */
    public FidelityRecord export(Path dir, Progress progress) throws StylexException {
        try {
            progress.start("export bundle", 5);
            t.calibrate();
            Map<String, byte[]> graphs = new LinkedHashMap<>();
            graphs.put(BundleManifest.ENCODER, t.encoder.export(t.ema.encoder(), t.wNorm));
            graphs.put(BundleManifest.STYLES, t.styles.export(t.ema.styles()));
            graphs.put(BundleManifest.SYNTHESIS, t.synthesis.export(t.ema.synthesis()));
            graphs.put(BundleManifest.MAPPING, t.mapping.export(t.ema.mapping()));
            Map<String, Double> parity = parity(graphs);
            progress.advance(1, "ONNX parity " + parity);
            for (Map.Entry<String, Double> e : parity.entrySet()) {
                if (!(e.getValue() <= PARITY_TOLERANCE)) {
                    throw new StylexException(e.getKey() + " differs from DJL by " + e.getValue() + " (tolerance "
                            + PARITY_TOLERANCE + ")");
                }
            }
            java.io.ByteArrayOutputStream sheet = new java.io.ByteArrayOutputStream();
            FidelityRecord fidelity = fidelity(sheet);
            // The record's own toString prints its arrays as [D@...: the command prints the figures after export.
            progress.advance(2, "fidelity measured on " + fidelity.images() + " held-out images");
            LatentSpread spread = LatentSpread.measure(t, SPREAD_IMAGES);
            progress.advance(3, spread.describe());
            LatentReadout readout = probes.isEmpty() ? null
                    : LatentReadout.measure(t, probes, READOUT_FIT_IMAGES, t.config().fidelityImages());
            if (readout != null) {
                progress.advance(4, readout.describe());
            }
            BundleWriter writer = new BundleWriter(manifest(parity, fidelity, spread, readout))
                    .copy(BundleManifest.CLASSIFIER, t.classifier().onnxFile());
            graphs.forEach(writer::put);
            writer.put(CONTACT_SHEET, sheet.toByteArray());
            java.io.ByteArrayOutputStream curves = new java.io.ByteArrayOutputStream();
            ImageIO.write(TrainingCurves.render(t.record().history(), 900, 600), "png", curves);
            writer.put(TrainingCurves.FILE, curves.toByteArray());
            replace(dir, writer);
            progress.advance(5, "bundle written to " + dir);
            progress.finish();
            return fidelity;
        } catch (IOException e) {
            throw new StylexException("cannot write bundle " + dir + ": " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new StylexException("ONNX Runtime rejected an exported graph: " + e.getMessage(), e);
        } catch (BundleException e) {
            throw new StylexException(e.getMessage(), e);
        }
    }

    private static void replace(Path dir, BundleWriter writer) throws IOException, BundleException {
        Path old = null;
        if (Files.isDirectory(dir)) {
            try (java.util.stream.Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    old = dir.resolveSibling("." + dir.getFileName() + ".old-" + System.currentTimeMillis());
                    Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
        writer.write(dir);
        if (old != null) {
            Folders.deleteTree(old);
        }
    }

    // ------------------------------------------------------------------ parity

    private Map<String, Double> parity(Map<String, byte[]> graphs) throws OrtException {
        StylexConfig cfg = t.config();
        int n = Math.min(4, t.data().heldOutCount());
        int r = cfg.resolution();
        float[] x = t.data().heldOut(0, n);
        float[] z = StylexTrainer.gaussian(new java.util.SplittableRandom(cfg.seed()), n * cfg.zDim());
        // DJL side, on the moving-average weights; images converted to the bundle's value range.
        float[][] djl = t.withContext(ctx -> {
            NDArray xa = ctx.manager().create(x, new Shape(n, 3, r, r));
            NDArray logits = t.classify(ctx, xa);
            Latent lat = t.latent(ctx, t.ema, xa);
            NDArray w = lat.full();
            NDArray s = t.styles.forward(ctx, t.ema.styles(), lat, logits.softmax(1));
            NDArray img = t.toBundleRange(ctx, t.synthesis.forward(ctx, t.ema.synthesis(), s));
            NDArray wm = t.mapped(ctx, t.mapping.forward(ctx, t.ema.mapping(),
                    ctx.manager().create(z, new Shape(n, cfg.zDim())))).full();
            return new float[][] {w.toFloatArray(), logits.toFloatArray(), s.toFloatArray(), img.toFloatArray(),
                    wm.toFloatArray(), t.toBundleRange(ctx, xa).toFloatArray()};
        });
        int k = t.classifier().classes();
        int styleSize = t.synthesis.styleSize();
        Map<String, Double> out = new LinkedHashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        out.put("encoder.onnx", maxDiff(run(env, graphs.get("encoder.onnx"),
                Map.of("image", new Input(djl[5], new long[] {n, 3, r, r}))), djl[0]));
        out.put("styles.onnx", maxDiff(run(env, graphs.get("styles.onnx"),
                Map.of("w", new Input(djl[0], new long[] {n, cfg.latentSize()}),
                        "logits", new Input(djl[1], new long[] {n, k}))), djl[2]));
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

    private FidelityRecord fidelity(java.io.OutputStream sheet) throws IOException {
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
        Map<String, double[]> means = new LinkedHashMap<>();
        for (ImageProbe probe : probes) {
            Map<String, double[]> a = new LinkedHashMap<>();
            Map<String, double[]> b = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                collect(a, probe.measure(TrainingData.image(originals, i * plane, r)), i, n);
                collect(b, probe.measure(TrainingData.image(recon, i * plane, r)), i, n);
            }
            for (String key : a.keySet()) {
                double rr = pearson(a.get(key), b.get(key));
                // JSON has no NaN: a reading that is constant over the images has no correlation, recorded as null.
                corr.put(key, Double.isFinite(rr) ? rr : null);
                means.put(key, new double[] {java.util.Arrays.stream(a.get(key)).average().orElse(Double.NaN),
                        java.util.Arrays.stream(b.get(key)).average().orElse(Double.NaN)});
            }
        }
        ImageIO.write(contactSheet(originals, recon, Math.min(n, 16), r), "png", sheet);
        return new FidelityRecord(n, agree / (double) n, dp / n, psnr / n, corr, means, CONTACT_SHEET);
    }

    private static void collect(Map<String, double[]> into, Map<String, Double> values, int i, int n) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            into.computeIfAbsent(e.getKey(), k -> new double[n])[i] = e.getValue();
        }
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

    private BundleManifest manifest(Map<String, Double> parity, FidelityRecord fidelity, LatentSpread spread,
            LatentReadout readout) {
        StylexConfig cfg = t.config();
        int r = cfg.resolution();
        List<StyleLayout.Layer> layers = new ArrayList<>();
        for (StyleLayer l : t.styleLayout()) {
            layers.add(new StyleLayout.Layer(l.name(), l.offset(), l.size(), l.resolution(), l.kind()));
        }
        TrainingRecord rec = t.record();
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("method", "StylEx (Lang et al., ICCV 2021), trained in Java with DJL/PyTorch");
        training.put("weights", "exponential moving average of encoder, styles, synthesis, mapping");
        training.put("format", FORMAT);
        training.put("hyperParameters", rec.config());
        training.put("dataDigest", rec.dataDigest());
        training.put("classifierDigest", rec.classifierDigest());
        training.put("trainImages", rec.trainImages());
        training.put("heldOutImages", rec.heldOutImages());
        training.put("steps", rec.step());
        training.put("seconds", rec.seconds());
        training.put("parameterCounts", t.parameterCounts());
        training.put("perceptualTerm", "L1 on a Laplacian pyramid: " + Losses.PYRAMID_LEVELS
                + " band-pass levels plus the low-pass residual" + (cfg.textureWeight() > 0
                        ? "; texture term (weight " + cfg.textureWeight() + "): relative L1 between the pyramid's "
                                + "position-free band statistics" + (cfg.texturePeakPower() > 0 ? " (mean, root mean "
                                + "square and L" + cfg.texturePeakPower() + " norm)" : "") : "")
                + (cfg.tailWeight() > 0 ? "; tail term (weight " + cfg.tailWeight() + "): relative L1 between the "
                        + "sorted darkest and brightest 1/" + Losses.TAIL_DIVISOR + " of the " + Losses.TAIL_LEVELS
                        + " finest bands' values inside the central field"
                        + (cfg.tailTiles() > 1 ? ", per tile of a " + cfg.tailTiles() + "x" + cfg.tailTiles() + " grid"
                                : "")
                        + (cfg.tailOpponent() > 0 ? ", and of the green-minus-blue band (weight " + cfg.tailOpponent()
                                + ")" : "") : ""));
        Map<String, Object> graphs = new LinkedHashMap<>();
        String code = cfg.codeSize() > 0 ? " (w " + cfg.wDim() + ", then the spatial code " + cfg.spatialCode() + "x"
                + cfg.codeResolution() + "x" + cfg.codeResolution() + ")" : "";
        graphs.put("encoder", "image [N,3," + r + "," + r + "] -> w [N," + cfg.latentSize() + "]" + code);
        graphs.put("styles", "w [N," + cfg.latentSize() + "], logits [N," + t.classifier().classes()
                + "] (softmax applied inside) -> styles [N," + t.synthesis.styleSize() + "]");
        graphs.put("synthesis", "styles [N," + t.synthesis.styleSize() + "] -> image [N,3," + r + "," + r
                + "] (not clipped)");
        graphs.put("mapping", "z [N," + cfg.zDim() + "] standard normal -> w [N," + cfg.latentSize() + "]"
                + (cfg.codeSize() > 0 ? " (zero spatial code)" : ""));
        training.put("graphs", graphs);
        training.put("environment", ToolInfo.environment());
        training.put("onnxParity", parity);
        training.put("fidelity", fidelity);
        training.put("latentSpread", spread);
        if (readout != null) {
            training.put("latentReadout", readout);
        }
        training.put("losses", rec.history());
        BundleManifest.ValueRange range = "unit".equals(cfg.classifierInput())
                ? new BundleManifest.ValueRange(0, 1) : new BundleManifest.ValueRange(-1, 1);
        return new BundleManifest(BundleManifest.FORMAT_VERSION, r, "RGB", range, t.classifier().classNames(),
                "logits", new StyleLayout(layers), Map.of(), training, Map.of());
    }


}
