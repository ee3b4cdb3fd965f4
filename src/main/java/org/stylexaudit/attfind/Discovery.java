package org.stylexaudit.attfind;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.BundleException;
import org.stylexaudit.engine.EngineException;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.engine.ImageTensors;
import org.stylexaudit.store.InstanceStore;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.train.stylex.ImageProbe;

/**
 * Runs AttFind on a workspace's accepted images with an open engine session: encode, measure effects (exhaustive or
 * screened), drop unstable images, select attributes per class, rank per image and compute fidelity metrics.
 *
 * <pre>{@code
 * try (EngineSession session = EngineSession.open(Bundle.load(dir), EngineOptions.cpu())) {
 *     DiscoveryResult r = new Discovery(session, AttFindConfig.defaults().withImages(50), List.of(new ColourProbe()))
 *             .run(ws, Progress.NONE);
 * }
 * }</pre>
 */
public final class Discovery {

    /** Columns kept per image in its ranking. */
    static final int RANKING_KEEP = 20;

    private final EngineSession session;
    private final AttFindConfig config;
    private final List<ImageProbe> probes;

    /** Creates a discovery over a session's bundle. */
    public Discovery(EngineSession session, AttFindConfig config, List<ImageProbe> probes) {
        this.session = session;
        this.config = config;
        this.probes = List.copyOf(probes);
    }

    /**
     * Runs the search on {@code config.images()} accepted images of the workspace (a seeded sample when it has more).
     *
     * @throws IllegalArgumentException when the workspace has no or too few images, or k exceeds the coordinates
     * @throws AttFindException when an image cannot be read, the engine fails, or every image is unstable
     */
    public DiscoveryResult run(Workspace ws, Progress progress) throws AttFindException {
        SearchSpace space = new SearchSpace(session.bundle().manifest().styleLayout());
        if (config.k() > space.size()) {
            throw new IllegalArgumentException("k = " + config.k() + " exceeds the " + space.size()
                    + " searchable style coordinates of the bundle");
        }
        List<InstanceStore.Instance> chosen = choose(ws);
        long t0 = System.nanoTime();
        StyleEvaluator evaluator = new StyleEvaluator(session, config.batch());
        EncodedImages images = encode(ws, chosen, evaluator, progress);
        return search(images, evaluator, space, progress, t0);
    }

    /** Runs the search on images already encoded (used by the benchmark and tests). */
    DiscoveryResult search(EncodedImages images, StyleEvaluator evaluator, SearchSpace space, Progress progress,
            long t0) throws AttFindException {
        StyleRange range = StyleRange.of(images.styles());
        ColumnEvaluator columns = new ColumnEvaluator(evaluator, space, range, config.shift());
        EffectTable table = config.method() == AttFindConfig.Method.EXHAUSTIVE
                ? ExhaustiveSearch.run(columns, space, images, config.unstableEffect(), progress)
                : GradientScreen.run(session.bundle(), columns, space, range, images, config, progress);
        boolean[] stable = new boolean[images.size()];
        int kept = 0;
        for (int i = 0; i < stable.length; i++) {
            stable[i] = table.largeEffectShare()[i] <= config.unstableShare();
            kept += stable[i] ? 1 : 0;
        }
        if (kept == 0) {
            throw new AttFindException("all " + images.size() + " images are unstable (more than "
                    + config.unstableShare() + " of the columns change a probability by " + config.unstableEffect()
                    + " or more); the bundle's reconstructions are not usable for AttFind");
        }
        List<Attribute> attributes = AttributeSelector.select(table, images, stable, space, config);
        List<ImageRanking> rankings = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (stable[i]) {
                rankings.add(ImageRanking.of(i, images.reconstructed()[i], table.columns(), table.effects()[i],
                        RANKING_KEEP));
            }
        }
        progress.start("fidelity metrics", -1);
        double[] sufficiency = FidelityMetrics.sufficiency(evaluator, columns, images, stable, attributes,
                config.k());
        List<FactorAlignment> alignment = FidelityMetrics.alignment(evaluator, columns,
                ImageTensors.of(session.bundle().manifest()), images, stable, attributes, probes);
        progress.finish();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new DiscoveryResult(config, session.bundle().manifest().classNames(), images, range, table, stable,
                attributes, rankings, sufficiency, alignment, evaluator.evaluations(), seconds,
                AttributeSelector.shortfallNotes(attributes, session.bundle().manifest().classNames(), config.k()));
    }

    /** Returns the images a run with this configuration analyses. */
    List<InstanceStore.Instance> chooseFor(Workspace ws) throws AttFindException {
        return choose(ws);
    }

    private List<InstanceStore.Instance> choose(Workspace ws) throws AttFindException {
        List<InstanceStore.Instance> accepted;
        try {
            accepted = new ArrayList<>(ws.instances().accepted());
        } catch (StoreException e) {
            throw new AttFindException(e.getMessage(), e);
        }
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("workspace " + ws.dir() + " has no accepted images; run ingest first");
        }
        if (config.images() > accepted.size()) {
            throw new IllegalArgumentException("--images " + config.images() + " is more than the "
                    + accepted.size() + " accepted images of workspace " + ws.dir());
        }
        // A seeded sample rather than the oldest N, so a large archive is not analysed by its first folder only.
        Collections.shuffle(accepted, new Random(config.seed()));
        List<InstanceStore.Instance> chosen = new ArrayList<>(accepted.subList(0, config.images()));
        chosen.sort(java.util.Comparator.comparingLong(InstanceStore.Instance::id));
        return chosen;
    }

    /** Encodes images: classifier output, w, styles, reconstruction and its probabilities. */
    static EncodedImages encode(Workspace ws, List<InstanceStore.Instance> chosen, StyleEvaluator evaluator,
            Progress progress) throws AttFindException {
        EngineSession session = evaluator.session();
        ImageTensors tensors = ImageTensors.of(session.bundle().manifest());
        float[][] x = new float[chosen.size()][];
        List<String> keys = new ArrayList<>();
        progress.start("reading " + chosen.size() + " images", chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            x[i] = tensors.toTensor(read(ws, chosen.get(i)));
            keys.add(chosen.get(i).imageKey());
            progress.advance(i + 1, "");
        }
        progress.finish();
        return encodeRows(keys, x, evaluator);
    }

    /** Encodes image rows. */
    static EncodedImages encodeRows(List<String> keys, float[][] x, StyleEvaluator evaluator)
            throws AttFindException {
        EngineSession session = evaluator.session();
        float[][] styles;
        try {
            float[][] raw = session.classify(x);
            float[][] w = session.encode(x);
            styles = session.styles(w, raw);
        } catch (EngineException | BundleException e) {
            throw new AttFindException("encoding failed: " + e.getMessage(), e);
        }
        float[][] original = evaluator.classProbabilities(x);
        float[][] recon = evaluator.images(styles);
        float[][] reconstructed = evaluator.classProbabilities(recon);
        double[] psnr = new double[x.length];
        var range = session.bundle().manifest().valueRange();
        double scale = 255.0 / (range.max() - range.min());
        for (int i = 0; i < x.length; i++) {
            double se = 0;
            for (int j = 0; j < x[i].length; j++) {
                double d = (x[i][j] - recon[i][j]) * scale;
                se += d * d;
            }
            double mse = se / x[i].length;
            psnr[i] = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
        }
        return new EncodedImages(keys, styles, original, reconstructed, psnr);
    }

    static BufferedImage read(Workspace ws, InstanceStore.Instance inst) throws AttFindException {
        if (inst.cachePath() == null) {
            throw new AttFindException("image " + inst.imageKey() + " has no cached PNG; re-run ingest");
        }
        Path file = ws.dir().resolve(inst.cachePath());
        try {
            BufferedImage img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
            if (img == null) {
                throw new AttFindException("cached image " + inst.cachePath() + " is missing or unreadable; re-run "
                        + "ingest");
            }
            return img;
        } catch (IOException e) {
            throw new AttFindException("cannot read cached image " + inst.cachePath() + ": " + e.getMessage(), e);
        }
    }
}
