package org.stylexaudit.attfind;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.stylexaudit.engine.BundleManifest;
import org.stylexaudit.engine.BundleWriter;
import org.stylexaudit.engine.StyleLayout;
import org.stylexaudit.store.InstanceStore;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.train.onnx.OnnxGraph;

/**
 * A tiny bundle whose networks are known in closed form, and a workspace of flat-coloured images for it.
 *
 * <p>Images are 4x4 RGB in [0, 1]. The encoder takes the mean colour as w; the style vector is
 * {@code [R, G, B, G | R, G]} (a conv layer of 4 coordinates, then 2 unused toRGB ones); synthesis paints the first
 * three coordinates as a flat image (through a Slice, which AttFind rewrites for the importer, and a Reciprocal,
 * which the importer handles itself); the classifier's logits are {@code [0, 1.2 (R - B)]} for classes {@code other, red}. So raising R or
 * lowering B pushes toward {@code red}, and coordinates 1 and 3 (green) change nothing.
 */
public final class AttFindFixtures {

    static final int RES = 4;
    static final float SCALE = 1.2f;

    private AttFindFixtures() {
    }

    /** Writes the closed-form bundle to {@code dir}. */
    public static Path bundle(Path dir) throws Exception {
        BundleManifest draft = new BundleManifest(1, RES, "RGB", new BundleManifest.ValueRange(0, 1),
                List.of("other", "red"), "logits",
                new StyleLayout(List.of(new StyleLayout.Layer("b4_conv", 0, 4, 4, "conv"),
                        new StyleLayout.Layer("b4_rgb", 4, 2, 4, "torgb"))),
                Map.of(), Map.of("steps", 0), Map.of());
        new BundleWriter(draft)
                .put(BundleManifest.CLASSIFIER, classifier())
                .put(BundleManifest.ENCODER, encoder())
                .put(BundleManifest.STYLES, styles())
                .put(BundleManifest.SYNTHESIS, synthesis())
                .write(dir);
        return dir;
    }

    private static byte[] classifier() {
        OnnxGraph g = new OnnxGraph("classifier");
        String x = g.addInput("image", "N", 3, RES, RES);
        String pooled = g.node("GlobalAveragePool").inputs(x).output("pooled");
        String flat = g.node("Flatten").inputs(pooled).output("flat");
        String w = g.addInitializer("fc_w", new long[] {3, 2}, new float[] {0, SCALE, 0, 0, 0, -SCALE});
        String b = g.addInitializer("fc_b", new long[] {2}, new float[] {0, 0});
        String out = g.node("Gemm").inputs(flat, w, b).output("logits");
        g.addOutput(out, "logits", "N", 2);
        return g.toBytes();
    }

    private static byte[] encoder() {
        OnnxGraph g = new OnnxGraph("encoder");
        String x = g.addInput("image", "N", 3, RES, RES);
        String pooled = g.node("GlobalAveragePool").inputs(x).output("pooled");
        g.addOutput(g.node("Flatten").inputs(pooled).output("w"), "w", "N", 3);
        return g.toBytes();
    }

    private static byte[] styles() {
        OnnxGraph g = new OnnxGraph("styles");
        String w = g.addInput("w", "N", 3);
        String l = g.addInput("logits", "N", 2);
        String cat = g.node("Concat").inputs(w, l).attr("axis", 1L).output("cat");
        float[] m = new float[5 * 6]; // rows: R, G, B, logit0, logit1; columns: s0..s5
        m[0 * 6 + 0] = 1;
        m[1 * 6 + 1] = 1;
        m[2 * 6 + 2] = 1;
        m[1 * 6 + 3] = 1;
        m[0 * 6 + 4] = 1;
        m[1 * 6 + 5] = 1;
        String mat = g.addInitializer("m", new long[] {5, 6}, m);
        g.addOutput(g.node("MatMul").inputs(cat, mat).output("styles"), "styles", "N", 6);
        return g.toBytes();
    }

    private static byte[] synthesis() {
        OnnxGraph g = new OnnxGraph("synthesis");
        String s = g.addInput("styles", "N", 6);
        String rgb = g.node("Slice").inputs(s, g.addLongs("starts", 0), g.addLongs("ends", 3), g.addLongs("axes", 1))
                .output("rgb");
        String col = g.node("Unsqueeze").inputs(rgb, g.addLongs("uaxes", 2, 3)).output("col");
        String ones = g.addInitializer("ones", new long[] {1, 1, RES, RES}, filled(RES * RES, 1f));
        String img = g.node("Mul").inputs(col, ones).output("img");
        String one = g.node("Reciprocal").inputs(g.addInitializer("unit", new long[] {1}, new float[] {1f}))
                .output("one");
        g.addOutput(g.node("Mul").inputs(img, one).output("image"), "image", "N", 3, RES, RES);
        return g.toBytes();
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** Adds {@code n} accepted flat-coloured images (random R and B, G varying too) to a workspace. */
    public static void images(Workspace ws, int n, long seed) throws Exception {
        Random r = new Random(seed);
        long source = ws.instances().sourceId("folder", "/fixtures");
        long run = ws.runs().start("ingest", "{}");
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(RES, RES, BufferedImage.TYPE_INT_RGB);
            Color c = new Color(40 + r.nextInt(176), 40 + r.nextInt(176), 40 + r.nextInt(176));
            for (int y = 0; y < RES; y++) {
                for (int x = 0; x < RES; x++) {
                    img.setRGB(x, y, c.getRGB());
                }
            }
            String key = ws.key("image-" + i);
            String cache = "cache/" + key + ".png";
            write(img, ws.dir().resolve(cache));
            ws.instances().upsert(new InstanceStore.Instance(0, source, "img" + i + ".png", 1, 1, "d" + i, key, null,
                    "png", null, null, RES, RES, 1, null, InstanceStore.ACCEPTED, null, cache), run);
        }
        ws.runs().finish(run, "ok", "{}");
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
