package org.stylexaudit.attfind;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.Bundle;
import org.stylexaudit.engine.BundleException;
import org.stylexaudit.engine.BundleManifest;
import org.stylexaudit.train.nn.ConvGradientCheck;
import org.stylexaudit.train.onnx.ImportedModel;
import org.stylexaudit.train.onnx.OnnxImportException;
import org.stylexaudit.train.onnx.OnnxImporter;

/**
 * Screened AttFind: the gradient of every class probability with respect to all style coordinates (synthesis and
 * classifier imported into DJL's PyTorch engine, exact reverse-mode differentiation), a first-order estimate of
 * each column's effect (gradient x shift), and exact evaluation of only the best candidates per class.
 */
final class GradientScreen {

    /** Images per backward pass; small enough that a 64 px synthesis graph stays within a few hundred MB. */
    private static final int GRADIENT_BATCH = 4;

    private GradientScreen() {
    }

    static EffectTable run(Bundle bundle, ColumnEvaluator columns, SearchSpace space, StyleRange range,
            EncodedImages images, AttFindConfig config, Progress progress) throws AttFindException {
        float[][][] grad = gradients(bundle, images, progress);
        int n = images.size();
        int classes = images.reconstructed()[0].length;
        List<EffectTable.Column> all = EffectTable.allColumns(space);
        // estimate[i][col][class]: first-order effect of each column, used for ranking and the stability share.
        float[][][] estimate = new float[n][all.size()][classes];
        for (int i = 0; i < n; i++) {
            float[] s = images.styles()[i];
            for (int c = 0; c < all.size(); c++) {
                EffectTable.Column col = all.get(c);
                int idx = space.styleIndex(col.coordinate());
                float delta = range.shifted(s[idx], idx, col.direction(), config.shift()) - s[idx];
                for (int k = 0; k < classes; k++) {
                    estimate[i][c][k] = grad[i][k][idx] * delta;
                }
            }
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        for (int k = 0; k < classes; k++) {
            chosen.addAll(topColumns(estimate, images, k, config.candidates()));
        }
        List<EffectTable.Column> candidates = new ArrayList<>();
        chosen.forEach(c -> candidates.add(all.get(c)));
        float[][][] effects = columns.evaluate(images, candidates, progress);
        double[] large = new double[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int c = 0; c < all.size(); c++) {
                int at = chosen.contains(c) ? chosen.headSet(c).size() : -1;
                float m = at >= 0 ? ColumnEvaluator.maxAbs(effects[i][at]) : ColumnEvaluator.maxAbs(estimate[i][c]);
                count += m >= config.unstableEffect() ? 1 : 0;
            }
            large[i] = count / (double) all.size();
        }
        return new EffectTable(candidates, effects, large);
    }

    /** Returns the columns with the largest mean positive estimated effect toward class k (over other images). */
    private static List<Integer> topColumns(float[][][] estimate, EncodedImages images, int k, int count) {
        int n = images.size();
        boolean anyOther = false;
        for (int i = 0; i < n; i++) {
            anyOther |= images.predicted(i) != k;
        }
        int cols = estimate[0].length;
        double[] score = new double[cols];
        for (int i = 0; i < n; i++) {
            if (anyOther && images.predicted(i) == k) {
                continue;
            }
            for (int c = 0; c < cols; c++) {
                score[c] += Math.max(0, estimate[i][c][k]);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            order.add(c);
        }
        order.sort(Comparator.comparingDouble((Integer c) -> -score[c]).thenComparing(c -> c));
        return order.subList(0, Math.min(count, cols));
    }

    /** Returns {@code grad[image][class][styleIndex]} of the class probabilities. */
    static float[][][] gradients(Bundle bundle, EncodedImages images, Progress progress) throws AttFindException {
        BundleManifest m = bundle.manifest();
        boolean logits = "logits".equals(m.classifierOutput());
        int classes = m.classNames().size();
        // With softmax outputs the probabilities sum to one, so the last class's gradient is minus the others'.
        int rowsPerImage = logits ? classes - 1 : classes;
        int d = images.styles()[0].length;
        int n = images.size();
        float[][][] grad = new float[n][classes][];
        Path synthFile = null;
        Path classifierFile = null;
        // PyTorch's oneDNN AVX-512 kernels return wrong convolution input gradients on some CPUs, silently; the
        // screen would then rank candidates by noise. Refuse, naming the remedy, rather than screen wrongly.
        Optional<String> fault = ConvGradientCheck.fault();
        if (fault.isPresent()) {
            throw new AttFindException("--method screened: " + fault.get());
        }
        progress.start("style gradients of " + n + " images", n);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            synthFile = temp("synthesis", DifferentiableGraphs.rewrite(bundle.verifiedBytes(BundleManifest.SYNTHESIS)));
            classifierFile = temp("classifier", bundle.verifiedBytes(BundleManifest.CLASSIFIER));
            try (ImportedModel synth = OnnxImporter.load(synthFile, manager);
                 ImportedModel classifier = OnnxImporter.load(classifierFile, manager)) {
                for (int start = 0; start < n; start += GRADIENT_BATCH) {
                    int end = Math.min(n, start + GRADIENT_BATCH);
                    backward(manager, synth, classifier, images, start, end, rowsPerImage, classes, logits, d, grad);
                    progress.advance(end, "");
                }
            }
        } catch (OnnxImportException e) {
            throw new AttFindException("cannot differentiate the bundle's networks for --method screened: "
                    + e.getMessage(), e);
        } catch (BundleException e) {
            throw new AttFindException(e.getMessage(), e);
        } finally {
            deleteQuietly(synthFile);
            deleteQuietly(classifierFile);
            progress.finish();
        }
        return grad;
    }

    private static void backward(NDManager manager, ImportedModel synth, ImportedModel classifier,
            EncodedImages images, int start, int end, int rowsPerImage, int classes, boolean logits, int d,
            float[][][] grad) {
        int rows = (end - start) * rowsPerImage;
        float[] flat = new float[rows * d];
        float[] mask = new float[rows * classes];
        for (int i = start; i < end; i++) {
            for (int r = 0; r < rowsPerImage; r++) {
                int row = (i - start) * rowsPerImage + r;
                System.arraycopy(images.styles()[i], 0, flat, row * d, d);
                mask[row * classes + r] = 1f; // row r of an image carries the gradient of class r
            }
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray s = step.create(flat, new Shape(rows, d));
            s.setRequiresGradient(true);
            NDArray selector = step.create(mask, new Shape(rows, classes));
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray out = classifier.forward(synth.forward(s));
                NDArray p = logits ? out.softmax(1) : out;
                gc.backward(p.mul(selector).sum());
            }
            float[] g = s.getGradient().toFloatArray();
            for (int i = start; i < end; i++) {
                float[] rest = new float[d];
                for (int r = 0; r < rowsPerImage; r++) {
                    int row = (i - start) * rowsPerImage + r;
                    grad[i][r] = java.util.Arrays.copyOfRange(g, row * d, (row + 1) * d);
                    for (int x = 0; x < d; x++) {
                        rest[x] -= grad[i][r][x];
                    }
                }
                if (rowsPerImage < classes) {
                    grad[i][classes - 1] = rest;
                }
            }
        }
    }

    private static Path temp(String name, byte[] bytes) throws AttFindException {
        try {
            Path p = Files.createTempFile("attfind-" + name, ".onnx");
            Files.write(p, bytes);
            return p;
        } catch (IOException e) {
            throw new AttFindException("cannot write a temporary copy of " + name + ".onnx: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temporary file in tmpdir is harmless
            }
        }
    }
}
