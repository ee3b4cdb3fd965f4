package org.stylexaudit.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.stylexaudit.common.Digests;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.synth.CameraModel;
import org.stylexaudit.synth.FundusFactors;
import org.stylexaudit.synth.FundusRenderer;
import org.stylexaudit.synth.Laterality;
import org.stylexaudit.synth.Lesion;
import org.stylexaudit.synth.LesionType;

/**
 * Builds realistic findings for tests: synthetic fundus images rendered by {@code synth} from known factors (colour
 * cast, cup-to-disc ratio, exudates, vessel calibre, exposure, pigmentation), each attribute faked by shifting one factor, and probabilities from a
 * logistic "classifier" of those factors. Planted PHI (patient name, ID, birth date) sits in the frames' PNG text
 * chunks, in an unknown field of findings.json and in the catalog's source paths, so tests can prove it never leaks.
 */
public final class FindingsFixture {

    /** Class names of the fake classifier. */
    public static final List<String> CLASSES = List.of("no referable disease", "glaucoma suspect", "diabetic retinopathy");
    /** Patient identifiers planted in source metadata; none may appear in any document. */
    public static final List<String> PHI = List.of("MUSTERMANN^ERIKA", "Mustermann", "PID-0047-1187", "19570314",
            "1957-03-14", "ACC-99812", "St. Elsewhere Eye Clinic");

    /** The faked attributes: factor, target class, step per shift unit. */
    private record Spec(String factor, String layer, int channel, int direction, int target, double step) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("cup-to-disc ratio", "b16_conv1", 117, 1, 1, 0.12),
            new Spec("camera colour cast (blue-green)", "b8_conv0", 42, 1, 2, 0.35),
            new Spec("hard exudates", "b32_conv1", 9, 1, 2, 2.0),
            new Spec("vessel calibre", "b32_conv0", 230, -1, 0, 0.5),
            new Spec("illumination", "b4_conv1", 3, 1, 0, 0.15),
            new Spec("fundus pigmentation", "b16_conv0", 77, 1, 1, 0.2));

    private FindingsFixture() {
    }

    /** One image's factors. */
    private record Factors(double cdr, double cast, double exudates, double calibre, double light, double pallor,
                           long seed) {
        Factors with(int factor, double delta) {
            return switch (factor) {
                case 0 -> new Factors(clamp(cdr + delta, 0.1, 0.9), cast, exudates, calibre, light, pallor, seed);
                case 1 -> new Factors(cdr, cast + delta, exudates, calibre, light, pallor, seed);
                case 2 -> new Factors(cdr, cast, Math.max(0, exudates + delta), calibre, light, pallor, seed);
                case 3 -> new Factors(cdr, cast, exudates, Math.max(0.6, calibre + delta), light, pallor, seed);
                case 4 -> new Factors(cdr, cast, exudates, calibre, clamp(light + delta, 0.5, 1.5), pallor, seed);
                default -> new Factors(cdr, cast, exudates, calibre, light, clamp(pallor + delta, 0, 1), seed);
            };
        }

        double[] probabilities() {
            double[] z = {1.2 - 2 * cdr - 0.35 * exudates + 0.6 * (calibre - 1.5) + light - 1,
                -1.6 + 5 * cdr + 1.5 * pallor,
                -1.4 + 0.45 * exudates + 2.6 * cast};
            double max = Math.max(z[0], Math.max(z[1], z[2]));
            double s = 0;
            double[] p = new double[3];
            for (int i = 0; i < 3; i++) {
                p[i] = Math.exp(z[i] - max);
                s += p[i];
            }
            for (int i = 0; i < 3; i++) {
                p[i] /= s;
            }
            return p;
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Writes findings with 4 attributes of 5 strips each and 3 explanations into {@code dir}. */
    public static FindingsFolder write(Path dir) throws Exception {
        return write(dir, 4, 5, 5, 42L);
    }

    /**
     * Writes findings into {@code dir} ({@code findings.json} + {@code frames/}) and reads them back.
     *
     * @param attributes number of attributes (1..6)
     * @param strips     strips per attribute
     * @param frames     frames per strip (odd, 3..9)
     */
    public static FindingsFolder write(Path dir, int attributes, int strips, int frames, long seed) throws Exception {
        Random rnd = new Random(seed);
        List<Factors> images = new ArrayList<>();
        for (int i = 0; i < Math.max(strips, 6); i++) {
            images.add(new Factors(0.25 + 0.35 * rnd.nextDouble(), 0.3 * rnd.nextDouble(), rnd.nextInt(3),
                    1.2 + 0.6 * rnd.nextDouble(), 0.85 + 0.3 * rnd.nextDouble(), 0.3 * rnd.nextDouble(), rnd.nextLong()));
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            keys.add(Digests.hmacHex("fixture-secret".getBytes(), "1.2.826.0.1.3680043.8.498." + (1000 + i)));
        }
        int half = frames / 2;
        List<DiscoveredAttribute> attrs = new ArrayList<>();
        for (int a = 0; a < attributes; a++) {
            Spec spec = SPECS.get(a);
            int factor = a;
            List<CounterfactualStrip> sl = new ArrayList<>();
            for (int i = 0; i < strips; i++) {
                List<Frame> fl = new ArrayList<>();
                for (int s = -half; s <= half; s++) {
                    Factors f = images.get(i).with(factor, s * spec.step());
                    String name = "A" + (a + 1) + "-img" + i + "-s" + (s + half) + ".png";
                    writePng(dir, name, draw(f));
                    fl.add(new Frame(s, f.probabilities()[spec.target()], name));
                }
                sl.add(new CounterfactualStrip(keys.get(i), fl));
            }
            List<DiscoveredAttribute.ShiftCurve> curves = new ArrayList<>();
            for (int c = 0; c < CLASSES.size(); c++) {
                List<Double> xs = new ArrayList<>();
                List<Double> ps = new ArrayList<>();
                for (int s = -2 * half; s <= 2 * half; s++) {
                    double shift = s / 2.0;
                    xs.add(shift);
                    double mean = 0;
                    for (Factors f : images) {
                        mean += f.with(factor, shift * spec.step()).probabilities()[c];
                    }
                    ps.add(mean / images.size());
                }
                curves.add(new DiscoveredAttribute.ShiftCurve(CLASSES.get(c), xs, ps));
            }
            double meanChange = 0;
            int affected = 0;
            for (Factors f : images) {
                double d = f.with(factor, spec.step()).probabilities()[spec.target()] - f.probabilities()[spec.target()];
                meanChange += d;
                affected += Math.abs(d) > 0.02 ? 1 : 0;
            }
            List<DiscoveredAttribute.FactorAlignment> align = a == 4 ? List.of()
                    : List.of(new DiscoveredAttribute.FactorAlignment(spec.factor(), spec.step() * spec.direction()),
                    new DiscoveredAttribute.FactorAlignment("image blur", 0.01 * (a + 1)));
            attrs.add(new DiscoveredAttribute("A" + (a + 1), new StyleCoordinate(spec.layer(), spec.channel(),
                    spec.direction()), CLASSES.get(spec.target()), (double) affected / images.size(),
                    meanChange / images.size(), align, curves, sl));
        }
        List<ImageExplanation> expl = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Factors f = images.get(i);
            double[] p = f.probabilities();
            int pred = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            String orig = "expl-img" + i + "-orig.png";
            writePng(dir, orig, draw(f));
            List<ImageExplanation.RankedAttribute> ranked = new ArrayList<>();
            for (int a = 0; a < attributes; a++) {
                Spec spec = SPECS.get(a);
                Factors g = f.with(a, 2 * spec.step());
                String name = "expl-img" + i + "-A" + (a + 1) + ".png";
                writePng(dir, name, draw(g));
                ranked.add(new ImageExplanation.RankedAttribute("A" + (a + 1), new StyleCoordinate(spec.layer(),
                        spec.channel(), spec.direction()), CLASSES.get(spec.target()), p[spec.target()],
                        g.probabilities()[spec.target()], new Frame(2, g.probabilities()[spec.target()], name)));
            }
            ranked.sort((x, y) -> Double.compare(Math.abs(y.probabilityAfter() - y.probabilityBefore()),
                    Math.abs(x.probabilityAfter() - x.probabilityBefore())));
            expl.add(new ImageExplanation(keys.get(i), CLASSES.get(pred), new Frame(0, p[pred], orig), ranked));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("analysed", 250);
        counts.put("unstable (dropped)", 11);
        counts.put("explained", 239);
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("tool", "stylex-audit 0.1.0");
        tools.put("onnxruntime", "1.23.2");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("images (N)", "250");
        params.put("attributes per class (k)", "8");
        params.put("shift factor", "1.0");
        params.put("seed", Long.toString(seed));
        RunInfo run = new RunInfo(null, "2026-11-26T22:10:00Z", Digests.sha256Hex("classifier".getBytes()),
                Digests.sha256Hex("bundle".getBytes()), "fundus-nightly", counts, tools, params);
        Fidelity fid = new Fidelity(0.94, 0.041, 27.3, List.of(new Fidelity.SufficiencyPoint(1, 0.31),
                new Fidelity.SufficiencyPoint(2, 0.52), new Fidelity.SufficiencyPoint(3, 0.66),
                new Fidelity.SufficiencyPoint(4, 0.74), new Fidelity.SufficiencyPoint(5, 0.79)));
        AuditFindings findings = new AuditFindings(run, CLASSES, attrs, expl, fid);
        Path json = FindingsFolder.write(dir, findings);
        plantPhiInJson(json);
        return FindingsFolder.read(json);
    }

    /** Adds a source-metadata block with PHI that a careless writer might pass through. */
    private static void plantPhiInJson(Path json) throws IOException {
        ObjectMapper m = FindingsFolder.mapper();
        ObjectNode root = (ObjectNode) m.readTree(json.toFile());
        ObjectNode src = root.putObject("sourceMetadata");
        src.put("PatientName", PHI.get(0));
        src.put("PatientID", PHI.get(2));
        src.put("PatientBirthDate", PHI.get(3));
        src.put("AccessionNumber", PHI.get(5));
        src.put("InstitutionName", PHI.get(6));
        src.put("sourcePath", "/archive/" + PHI.get(1) + "_" + PHI.get(4) + "/eye.dcm");
        m.writeValue(json.toFile(), root);
    }

    /** Puts catalog rows whose source paths carry PHI into the workspace, as a careless archive layout would. */
    public static void plantCatalog(Workspace ws) throws Exception {
        long src = ws.instances().sourceId("folder", "/archive/" + PHI.get(6));
        try (PreparedStatement ps = ws.connection().prepareStatement(
                "INSERT INTO instance(source_id, source_path, file_size, file_mtime, content_digest, image_key, format, status)"
                        + " VALUES (?, ?, 1, 1, 'x', ?, 'dicom', 'accepted')")) {
            ps.setLong(1, src);
            ps.setString(2, PHI.get(0) + "/" + PHI.get(2) + "/" + PHI.get(3) + ".dcm");
            ps.setString(3, "k");
            ps.executeUpdate();
        }
    }

    /**
     * Renders a synthetic fundus photograph with the {@code synth} generator from this fixture's factors: the cup-to-
     * disc ratio, a blue-green camera cast, hard exudates, vessel calibre, exposure and pigmentation are real
     * generator factors, so shifting one of them fakes an attribute the way a StylEx coordinate would show it.
     */
    static BufferedImage draw(Factors f) {
        Random r = new Random(f.seed());
        double discX = 0.39;
        double discY = 0.02 * (r.nextDouble() - 0.5);
        double maculaX = discX - 0.76;
        double maculaY = discY + 0.07;
        List<Lesion> lesions = new ArrayList<>();
        Random er = new Random(f.seed() ^ 0x5DEECE66DL);
        int ex = (int) Math.round(f.exudates() * 3);
        for (int e = 0; e < ex; e++) {
            double ang = er.nextDouble() * 2 * Math.PI;
            double rad = 0.12 + 0.22 * er.nextDouble();
            lesions.add(new Lesion(LesionType.HARD_EXUDATE, maculaX + rad * Math.cos(ang), maculaY + rad * Math.sin(ang),
                    0.012 + 0.01 * er.nextDouble()));
        }
        FundusFactors ff = new FundusFactors(f.seed(), Laterality.RIGHT, clamp(0.2 + 0.7 * f.pallor(), 0, 1), 0.4,
                0.3, f.light(), discX, discY, 0.17, clamp(f.cdr(), 0.1, 0.9), maculaX, maculaY, 0.2,
                f.calibre() / 1.5, 0.3, lesions, CameraModel.CASCADE_K7, 1.0 - 0.25 * f.cast(), 1.0 + 0.05 * f.cast(),
                1.0 + 0.9 * f.cast(), 0.003, 0.004);
        return new FundusRenderer().render(ff, 96);
    }

    /** Writes a PNG whose text chunks carry planted PHI; readers must keep pixels only. */
    private static void writePng(Path dir, String name, BufferedImage img) throws IOException {
        Files.createDirectories(dir.resolve(FindingsFolder.FRAMES));
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        for (String phi : PHI) {
            IIOMetadataNode e = new IIOMetadataNode("tEXtEntry");
            e.setAttribute("keyword", "Comment");
            e.setAttribute("value", phi);
            text.appendChild(e);
        }
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
        meta.mergeTree("javax_imageio_png_1.0", root);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(dir.resolve(FindingsFolder.FRAMES).resolve(name).toFile())) {
            w.setOutput(out);
            w.write(new IIOImage(img, null, meta));
        } finally {
            w.dispose();
        }
    }
}
