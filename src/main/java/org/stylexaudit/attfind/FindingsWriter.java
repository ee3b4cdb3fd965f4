package org.stylexaudit.attfind;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.stylexaudit.common.ToolInfo;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.engine.ImageTensors;

/**
 * Writes a run's findings folder in the report stage's format ({@code findings.json}, an {@code AuditFindings} of
 * package {@code org.stylexaudit.report}, plus {@code frames/*.png}; see docs/report.md). This is an adapter: it
 * writes the same JSON field names without depending on the report's record types.
 *
 * <pre>{@code
 * Path json = new FindingsWriter(session).write(ws.dir().resolve("runs/7/findings"), 7L, result, provenance);
 * }</pre>
 */
public final class FindingsWriter {

    /** Shifts of every strip and curve, in multiples of the AttFind shift (negative: the opposite direction). */
    static final double[] SHIFTS = {-1, -0.5, 0, 0.5, 1};
    /** Images per attribute strip set, and images whose explanations the findings carry. */
    static final int STRIPS = 4;
    /** Images averaged in each attribute's probability curves. */
    static final int CURVE_IMAGES = 8;
    /** Ranked attributes per image explanation. */
    static final int RANKED = 5;

    private final StyleEvaluator evaluator;
    private final ImageTensors tensors;

    /** Creates a writer rendering frames through a session on the run's bundle. */
    public FindingsWriter(EngineSession session) {
        this.evaluator = new StyleEvaluator(session, 64);
        this.tensors = ImageTensors.of(session.bundle().manifest());
    }

    /**
     * Provenance of the run for the report's cover and appendix.
     *
     * @param classifierSha256 SHA-256 of classifier.onnx
     * @param bundleSha256 SHA-256 of bundle.json
     * @param protocol protocol name, or a description of how the run was started
     */
    public record Provenance(String classifierSha256, String bundleSha256, String protocol) {
    }

    /** Writes {@code dir/findings.json} and {@code dir/frames/}; returns the JSON file. */
    public Path write(Path dir, Long runId, DiscoveryResult r, Provenance p) throws AttFindException {
        try {
            Files.createDirectories(dir.resolve("frames"));
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode root = json.createObjectNode();
            root.set("run", run(json, runId, r, p));
            ArrayNode names = root.putArray("classNames");
            r.classNames().forEach(names::add);
            SearchSpaceView space = new SearchSpaceView(r);
            ArrayNode attrs = root.putArray("attributes");
            for (Attribute a : r.attributes()) {
                attrs.add(attribute(json, dir, r, a, space));
            }
            ArrayNode expl = root.putArray("explanations");
            int written = 0;
            for (ImageRanking ranking : r.rankings()) {
                if (written++ >= STRIPS) {
                    break;
                }
                expl.add(explanation(json, dir, r, ranking, space, written - 1));
            }
            root.set("fidelity", fidelity(json, r));
            Path file = dir.resolve("findings.json");
            json.writeValue(file.toFile(), root);
            return file;
        } catch (IOException e) {
            throw new AttFindException("cannot write findings to " + dir + ": " + e.getMessage(), e);
        }
    }

    private ObjectNode run(ObjectMapper json, Long runId, DiscoveryResult r, Provenance p) {
        ObjectNode run = json.createObjectNode();
        if (runId != null) {
            run.put("runId", runId);
        }
        run.put("date", Instant.now().toString());
        run.put("classifierSha256", p.classifierSha256());
        run.put("bundleSha256", p.bundleSha256());
        run.put("protocol", p.protocol());
        ObjectNode counts = run.putObject("imageCounts");
        counts.put("analysed", r.images().size());
        counts.put("stable (kept)", r.stableCount());
        counts.put("unstable (dropped)", r.images().size() - r.stableCount());
        ObjectNode tools = run.putObject("toolVersions");
        tools.put("tool", "stylex-audit " + ToolInfo.version());
        tools.put("java", System.getProperty("java.version"));
        tools.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        ObjectNode params = run.putObject("parameters");
        AttFindConfig c = r.config();
        params.put("method", c.method().name().toLowerCase());
        params.put("images (N)", Integer.toString(c.images()));
        params.put("attributes per class (k)", Integer.toString(c.k()));
        params.put("shift factor", Double.toString(c.shift()));
        params.put("explained cap", Double.toString(c.explainedCap()));
        params.put("unstable rule", "share > " + c.unstableShare() + " of columns with |effect| >= "
                + c.unstableEffect());
        params.put("affect threshold", Double.toString(c.affectThreshold()));
        if (c.method() == AttFindConfig.Method.SCREENED) {
            params.put("screened candidates per class", Integer.toString(c.candidates()));
        }
        params.put("evaluations", Long.toString(r.evaluations()));
        params.put("seconds", String.format(java.util.Locale.ROOT, "%.1f", r.seconds()));
        params.put("seed", Long.toString(c.seed()));
        return run;
    }

    private ObjectNode attribute(ObjectMapper json, Path dir, DiscoveryResult r, Attribute a, SearchSpaceView space)
            throws AttFindException, IOException {
        ObjectNode node = json.createObjectNode();
        node.put("id", a.id());
        node.set("coordinate", coordinate(json, a.layer(), a.channel(), a.direction()));
        node.put("targetClass", r.classNames().get(a.targetClass()));
        node.put("shareAffected", a.shareAffected());
        node.put("meanProbabilityChange", a.meanEffect());
        ArrayNode align = node.putArray("alignment");
        r.alignment().stream().filter(f -> f.attributeId().equals(a.id())).limit(5).forEach(f ->
                align.addObject().put("factor", f.factor()).put("change", f.change()));
        List<Integer> stable = stableImages(r);
        // Curves: mean probability of every class against the shift, over the first stable images.
        List<Integer> curveImages = stable.subList(0, Math.min(CURVE_IMAGES, stable.size()));
        float[][] probs = evaluator.styleProbabilities(shiftedSeries(r, a, curveImages, space));
        ArrayNode curves = node.putArray("curves");
        for (int c = 0; c < r.classNames().size(); c++) {
            ObjectNode curve = curves.addObject().put("className", r.classNames().get(c));
            ArrayNode xs = curve.putArray("shifts");
            ArrayNode ys = curve.putArray("probabilities");
            for (int s = 0; s < SHIFTS.length; s++) {
                double mean = 0;
                for (int u = 0; u < curveImages.size(); u++) {
                    mean += probs[u * SHIFTS.length + s][c];
                }
                xs.add(SHIFTS[s]);
                ys.add(clamp(mean / curveImages.size()));
            }
        }
        // Strips: the stable images this attribute moves most toward its class.
        int col = r.effects().indexOf(a.column());
        List<Integer> strongest = new ArrayList<>(stable);
        strongest.sort(Comparator.comparingDouble(i -> -(col < 0 ? 0 : r.effects().effects()[i][col][a.targetClass()])));
        List<Integer> stripImages = strongest.subList(0, Math.min(STRIPS, strongest.size()));
        float[][] series = shiftedSeries(r, a, stripImages, space);
        float[][] images = evaluator.images(series);
        float[][] p = evaluator.classProbabilities(images);
        ArrayNode strips = node.putArray("strips");
        for (int u = 0; u < stripImages.size(); u++) {
            ObjectNode strip = strips.addObject().put("imageKey", r.images().keys().get(stripImages.get(u)));
            ArrayNode frames = strip.putArray("frames");
            for (int s = 0; s < SHIFTS.length; s++) {
                String name = a.id() + "-img" + u + "-s" + s + ".png";
                writeFrame(dir, name, images[u * SHIFTS.length + s]);
                frames.add(frame(json, SHIFTS[s], p[u * SHIFTS.length + s][a.targetClass()], name));
            }
        }
        return node;
    }

    private ObjectNode explanation(ObjectMapper json, Path dir, DiscoveryResult r, ImageRanking ranking,
            SearchSpaceView space, int n) throws AttFindException, IOException {
        int i = ranking.image();
        List<ImageRanking.Entry> top = ranking.entries().subList(0, Math.min(RANKED, ranking.entries().size()));
        float[][] vectors = new float[top.size() + 1][];
        vectors[0] = r.images().styles()[i];
        for (int t = 0; t < top.size(); t++) {
            vectors[t + 1] = space.shifted(r.images().styles()[i], top.get(t).column(), 1.0);
        }
        float[][] images = evaluator.images(vectors);
        float[][] p = evaluator.classProbabilities(images);
        ObjectNode node = json.createObjectNode();
        node.put("imageKey", r.images().keys().get(i));
        node.put("predictedClass", r.classNames().get(ranking.predicted()));
        String orig = "expl-img" + n + "-orig.png";
        writeFrame(dir, orig, images[0]);
        node.set("original", frame(json, 0, p[0][ranking.predicted()], orig));
        ArrayNode ranked = node.putArray("ranked");
        for (int t = 0; t < top.size(); t++) {
            ImageRanking.Entry e = top.get(t);
            String id = r.attributes().stream().filter(a -> a.column().equals(e.column())).map(Attribute::id)
                    .findFirst().orElse(null);
            String name = "expl-img" + n + "-r" + (t + 1) + ".png";
            writeFrame(dir, name, images[t + 1]);
            ObjectNode entry = ranked.addObject();
            if (id == null) {
                entry.putNull("attributeId");
            } else {
                entry.put("attributeId", id);
            }
            entry.set("coordinate", coordinate(json, space.layer(e.column().coordinate()),
                    space.channel(e.column().coordinate()), e.column().direction()));
            entry.put("targetClass", r.classNames().get(e.targetClass()));
            entry.put("probabilityBefore", clamp(e.before()));
            entry.put("probabilityAfter", clamp(e.after()));
            entry.set("frame", frame(json, 1, p[t + 1][e.targetClass()], name));
        }
        return node;
    }

    private ObjectNode fidelity(ObjectMapper json, DiscoveryResult r) {
        ObjectNode f = json.createObjectNode();
        f.put("reconstructionAgreement", r.reconstructionAgreement());
        f.put("meanAbsProbabilityChange", r.meanAbsProbabilityChange());
        f.put("psnr", r.meanPsnr());
        ArrayNode suff = f.putArray("sufficiency");
        for (int k = 0; k < r.sufficiency().length; k++) {
            suff.addObject().put("k", k + 1).put("shareFlipped", r.sufficiency()[k]);
        }
        return f;
    }

    /** Returns, for each image and each of {@link #SHIFTS}, the style vector (image-major). */
    private static float[][] shiftedSeries(DiscoveryResult r, Attribute a, List<Integer> images,
            SearchSpaceView space) {
        float[][] out = new float[images.size() * SHIFTS.length][];
        for (int u = 0; u < images.size(); u++) {
            float[] s = r.images().styles()[images.get(u)];
            for (int k = 0; k < SHIFTS.length; k++) {
                double amount = SHIFTS[k];
                EffectTable.Column c = amount >= 0 ? a.column()
                        : new EffectTable.Column(-a.direction(), a.coordinate());
                out[u * SHIFTS.length + k] = space.shifted(s, c, Math.abs(amount));
            }
        }
        return out;
    }

    private static List<Integer> stableImages(DiscoveryResult r) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < r.stable().length; i++) {
            if (r.stable()[i]) {
                out.add(i);
            }
        }
        return out;
    }

    private void writeFrame(Path dir, String name, float[] row) throws IOException {
        BufferedImage img = tensors.toImage(row);
        ImageIO.write(img, "png", dir.resolve("frames").resolve(name).toFile());
    }

    private static ObjectNode coordinate(ObjectMapper json, String layer, int channel, int direction) {
        return json.createObjectNode().put("layer", layer).put("channel", channel).put("direction", direction);
    }

    private static ObjectNode frame(ObjectMapper json, double shift, double probability, String image) {
        return json.createObjectNode().put("shift", shift).put("probability", clamp(probability)).put("image", image);
    }

    /** Clamps float rounding (a softmax can give 1.0000001) into the report's [0, 1] rule. */
    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }

    /** Style-coordinate arithmetic for the writer, from the result's range and the bundle's layout. */
    private final class SearchSpaceView {
        private final DiscoveryResult r;
        private final SearchSpace space;

        SearchSpaceView(DiscoveryResult r) {
            this.r = r;
            this.space = new SearchSpace(evaluator.session().bundle().manifest().styleLayout());
        }

        String layer(int j) {
            return space.layer(j);
        }

        int channel(int j) {
            return space.channel(j);
        }

        float[] shifted(float[] s, EffectTable.Column c, double amount) {
            return new ColumnEvaluator(evaluator, space, r.range(), r.config().shift()).shifted(s, c, amount);
        }
    }

    /** Returns the summary JSON fields a discover run puts into its run row (the report finds findings there). */
    public static Map<String, Object> summaryFields(Path workspace, Path findingsJson) {
        return Map.of("findings", workspace.relativize(findingsJson).toString().replace('\\', '/'));
    }
}
