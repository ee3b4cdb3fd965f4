package org.stylexaudit.attfind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.Bundle;
import org.stylexaudit.engine.BundleException;
import org.stylexaudit.engine.EngineException;
import org.stylexaudit.engine.EngineOptions;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.engine.ImageTensors;
import org.stylexaudit.store.InstanceStore;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * Explains one image with the newest AttFind run of a workspace: the columns that move its prediction most, with
 * the probability before and after each, and PNG frames of the change. Uses the run's stored effects when the run
 * analysed the image exhaustively; otherwise evaluates every column for this image with the run's style range.
 *
 * <pre>{@code
 * Explanation e = Explainer.explain(ws, "2be969", 5, Path.of("out"), EngineOptions.cpu(), Progress.NONE);
 * }</pre>
 */
public final class Explainer {

    private Explainer() {
    }

    /**
     * One image's explanation.
     *
     * @param runId the AttFind run used
     * @param imageKey the image's keyed hash
     * @param classNames the classes
     * @param predicted the class predicted for the reconstruction
     * @param probabilities class probabilities of the reconstruction
     * @param entries ranked columns, strongest first
     * @param labels per entry, the coordinate label (layer, channel, direction)
     * @param original the reconstruction frame written
     * @param frames per entry, the frame written
     * @param fromStore whether the effects came from the stored run
     */
    public record Explanation(long runId, String imageKey, List<String> classNames, int predicted,
            float[] probabilities, List<ImageRanking.Entry> entries, List<String> labels, Path original,
            List<Path> frames, boolean fromStore) {
    }

    /**
     * Explains an image given by key, unique key prefix, or catalog id.
     *
     * @throws IllegalArgumentException when no AttFind run exists, or the image is unknown or ambiguous
     */
    public static Explanation explain(Workspace ws, String image, int k, Path outDir, EngineOptions options,
            Progress progress) throws AttFindException, StoreException, BundleException {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be at least 1, got " + k);
        }
        AttFindStore store = new AttFindStore(ws);
        long runId = store.latestRun().orElseThrow(() -> new IllegalArgumentException(
                "workspace " + ws.dir() + " has no AttFind run; run 'discover' first"));
        AttFindStore.StoredRun run = store.run(runId).orElseThrow();
        InstanceStore.Instance inst = find(ws, image);
        Bundle bundle = Bundle.load(Path.of(run.bundlePath()));
        try (EngineSession session = EngineSession.open(bundle, options)) {
            StyleEvaluator evaluator = new StyleEvaluator(session, 64);
            SearchSpace space = new SearchSpace(bundle.manifest().styleLayout());
            ColumnEvaluator columns = new ColumnEvaluator(evaluator, space, run.range(), run.shift());
            int classes = run.classNames().size();
            var stored = run.method() == AttFindConfig.Method.EXHAUSTIVE
                    ? store.image(runId, inst.imageKey(), classes) : java.util.Optional.<AttFindStore.StoredImage>empty();
            float[] styles;
            float[] baseline;
            float[][] effects;
            List<EffectTable.Column> cols;
            if (stored.isPresent()) {
                styles = stored.get().styles();
                baseline = stored.get().reconstructed();
                effects = stored.get().effects();
                cols = run.columns();
            } else {
                EncodedImages enc = Discovery.encodeRows(List.of(inst.imageKey()),
                        new float[][] {ImageTensors.of(bundle.manifest()).toTensor(Discovery.read(ws, inst))},
                        evaluator);
                styles = enc.styles()[0];
                baseline = enc.reconstructed()[0];
                cols = EffectTable.allColumns(space);
                progress.start("evaluating " + cols.size() + " columns", -1);
                effects = columns.evaluateImage(styles, baseline, cols);
                progress.finish();
            }
            ImageRanking ranking = ImageRanking.of(0, baseline, cols, effects, k);
            return render(ws, runId, inst.imageKey(), run, ranking, styles, baseline, columns, evaluator, space,
                    outDir, stored.isPresent());
        } catch (EngineException e) {
            throw new AttFindException(e.getMessage(), e);
        }
    }

    private static Explanation render(Workspace ws, long runId, String key, AttFindStore.StoredRun run,
            ImageRanking ranking, float[] styles, float[] baseline, ColumnEvaluator columns,
            StyleEvaluator evaluator, SearchSpace space, Path outDir, boolean fromStore) throws AttFindException {
        Path dir = outDir != null ? outDir : ws.dir().resolve("explanations").resolve(key.substring(0, 16));
        float[][] vectors = new float[ranking.entries().size() + 1][];
        vectors[0] = styles;
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < ranking.entries().size(); i++) {
            EffectTable.Column c = ranking.entries().get(i).column();
            vectors[i + 1] = columns.shifted(styles, c);
            labels.add(space.label(c.coordinate(), c.direction()));
        }
        float[][] images = evaluator.images(vectors);
        ImageTensors tensors = ImageTensors.of(evaluator.session().bundle().manifest());
        List<Path> frames = new ArrayList<>();
        Path original = dir.resolve("original.png");
        try {
            Files.createDirectories(dir);
            ImageIO.write(tensors.toImage(images[0]), "png", original.toFile());
            for (int i = 1; i < images.length; i++) {
                Path f = dir.resolve(String.format(Locale.ROOT, "rank%02d.png", i));
                ImageIO.write(tensors.toImage(images[i]), "png", f.toFile());
                frames.add(f);
            }
        } catch (IOException e) {
            throw new AttFindException("cannot write frames to " + dir + ": " + e.getMessage(), e);
        }
        return new Explanation(runId, key, run.classNames(), ranking.predicted(), baseline, ranking.entries(), labels,
                original, frames, fromStore);
    }

    private static InstanceStore.Instance find(Workspace ws, String image) throws StoreException {
        List<InstanceStore.Instance> matches = new ArrayList<>();
        for (InstanceStore.Instance i : ws.instances().accepted()) {
            boolean byId = image.chars().allMatch(Character::isDigit) && Long.toString(i.id()).equals(image);
            if (byId || (i.imageKey() != null && i.imageKey().startsWith(image.toLowerCase(Locale.ROOT)))) {
                matches.add(i);
            }
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no accepted image with key, key prefix or id '" + image
                    + "' in workspace " + ws.dir());
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("'" + image + "' matches " + matches.size()
                    + " images; give more characters of the key");
        }
        return matches.get(0);
    }
}
