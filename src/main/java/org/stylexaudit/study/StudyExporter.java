package org.stylexaudit.study;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Progress;
import org.stylexaudit.report.AuditFindings;
import org.stylexaudit.report.CounterfactualStrip;
import org.stylexaudit.report.DiscoveredAttribute;
import org.stylexaudit.report.FindingsFolder;
import org.stylexaudit.report.Frame;
import org.stylexaudit.report.ReportException;
import org.stylexaudit.report.ReportTemplate;
import org.stylexaudit.report.pdf.PdfDocument;
import org.stylexaudit.report.pdf.PdfForm;
import org.stylexaudit.report.pdf.Strips;
import org.stylexaudit.store.Workspace;

/**
 * Exports a blinded user study: one shuffled packet per reviewer as a fillable PDF and a CSV (with the item strips
 * as PNGs), while the answer key goes into the workspace only.
 *
 * <pre>{@code
 * ExportSummary s = new StudyExporter(ws, ReportTemplate.load("study.yaml", null), Progress.NONE)
 *         .export(FindingsFolder.read(file), runId, new StudyConfig(5, 3, 42L), Path.of("packets"));
 * }</pre>
 */
public final class StudyExporter {

    private static final int MAX_PUSHED = 3;

    private final Workspace ws;
    private final ReportTemplate template;
    private final Progress progress;
    private final SecureRandom secure = new SecureRandom();

    /** Creates an exporter writing its answer key into {@code ws}. */
    public StudyExporter(Workspace ws, ReportTemplate template, Progress progress) {
        this.ws = ws;
        this.template = template;
        this.progress = progress;
    }

    /** One item's content: an attribute shown on one image. */
    private record Subject(String id, DiscoveredAttribute attribute, CounterfactualStrip strip) {
    }

    /** Exports the study; {@code runId} may be null for findings read from a file. */
    public ExportSummary export(FindingsFolder folder, Long runId, StudyConfig cfg, Path outDir) throws StudyException {
        AuditFindings f = folder.findings();
        List<Subject> subjects = subjects(f, cfg);
        Connection c = ws.connection();
        try {
            Files.createDirectories(outDir);
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                StudyStore store = new StudyStore(c);
                long studyId = store.insertStudy(runId, folder.digest(), f.classNames(), cfg.reviewers(),
                        cfg.itemsPerAttribute(), cfg.seed());
                List<ExportSummary.PacketFiles> files = new ArrayList<>();
                progress.start("study export", cfg.reviewers());
                for (int r = 1; r <= cfg.reviewers(); r++) {
                    files.add(packet(store, folder, studyId, r, subjects, cfg, outDir));
                    progress.advance(r, "packet " + r);
                }
                c.commit();
                progress.finish();
                return new ExportSummary(studyId, files, subjects.size());
            } catch (SQLException | IOException | ReportException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException | IOException | ReportException e) {
            throw new StudyException("cannot export study to " + outDir + ": " + e.getMessage(), e);
        }
    }

    private static List<Subject> subjects(AuditFindings f, StudyConfig cfg) throws StudyException {
        if (f.attributes().isEmpty()) {
            throw new StudyException("the findings have no attributes; nothing to study");
        }
        Random rnd = new Random(cfg.seed());
        List<Subject> out = new ArrayList<>();
        for (DiscoveredAttribute a : f.attributes()) {
            List<Integer> usable = new ArrayList<>();
            for (int i = 0; i < a.strips().size(); i++) {
                if (!a.strips().get(i).side(1).isEmpty()) {
                    usable.add(i);
                }
            }
            if (usable.isEmpty()) {
                throw new StudyException("attribute " + a.id() + " has no strip with the attribute applied");
            }
            Collections.shuffle(usable, rnd);
            for (int i : usable.subList(0, Math.min(cfg.itemsPerAttribute(), usable.size()))) {
                out.add(new Subject(a.id() + "/" + i, a, a.strips().get(i)));
            }
        }
        return out;
    }

    private ExportSummary.PacketFiles packet(StudyStore store, FindingsFolder folder, long studyId, int reviewer,
                                             List<Subject> subjects, StudyConfig cfg, Path outDir)
            throws SQLException, IOException, ReportException {
        String packetId = "P-" + PacketFormat.randomCode(secure, 10);
        List<Subject> order = new ArrayList<>(subjects);
        // Each reviewer gets an independent order drawn from the study seed, so packets can be regenerated.
        Collections.shuffle(order, new Random(cfg.seed() * 1_000_003L + reviewer));
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            codes.add(PacketFormat.randomCode(secure, 6));
        }
        String digest = PacketFormat.digest(ws, packetId, codes);
        store.insertPacket(packetId, studyId, reviewer, digest);
        Path imgDir = outDir.resolve("packet-" + packetId + "-images");
        Files.createDirectories(imgDir);
        List<List<BufferedImage>> strips = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Subject s = order.get(i);
            store.insertItem(new StudyStore.KeyItem(packetId, i + 1, codes.get(i), s.id(), s.attribute().id(),
                    s.strip().imageKey(), s.attribute().targetClass()));
            List<BufferedImage> frames = frames(folder, s.strip());
            strips.add(frames);
            ImageIO.write(join(frames), "png", imgDir.resolve(PacketFormat.item(i + 1) + ".png").toFile());
        }
        List<String> classes = folder.findings().classNames();
        Path csv = outDir.resolve("packet-" + packetId + ".csv");
        writeCsv(csv, packetId, digest, codes, classes, imgDir.getFileName().toString());
        Path pdf = outDir.resolve("packet-" + packetId + ".pdf");
        new PacketPdf(template).write(pdf, packetId, digest, codes, strips, classes);
        return new ExportSummary.PacketFiles(packetId, pdf, csv, imgDir);
    }

    /** Returns the original, then the attribute applied in growing steps; no probabilities, no labels. */
    private static List<BufferedImage> frames(FindingsFolder folder, CounterfactualStrip s) throws ReportException {
        List<BufferedImage> out = new ArrayList<>();
        out.add(folder.image(s.original()));
        List<Frame> pushed = s.side(1);
        for (Frame fr : pushed.subList(Math.max(0, pushed.size() - MAX_PUSHED), pushed.size())) {
            out.add(folder.image(fr));
        }
        return out;
    }

    private static BufferedImage join(List<BufferedImage> frames) {
        int h = frames.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        int gap = 6;
        int w = frames.stream().mapToInt(BufferedImage::getWidth).sum() + gap * (frames.size() - 1);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int x = 0;
        for (BufferedImage f : frames) {
            g.drawImage(f, x, 0, null);
            x += f.getWidth() + gap;
        }
        g.dispose();
        return out;
    }

    private void writeCsv(Path csv, String packetId, String digest, List<String> codes, List<String> classes,
                          String imgDir) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(template.value("title")).append(" - packet ").append(packetId).append("\r\n");
        for (String line : template.value("instructions").split("(?<=\\.) ")) {
            sb.append("# ").append(line).append("\r\n");
        }
        sb.append("# answer_class: write the class name or its number:");
        for (int i = 0; i < classes.size(); i++) {
            sb.append(' ').append(i + 1).append(" = ").append(classes.get(i)).append(i + 1 < classes.size() ? ";" : "");
        }
        sb.append("\r\n# confidence: 1 (guessing) to 5 (certain). ").append(template.value("disclaimer")).append("\r\n");
        sb.append(Csv.row(PacketFormat.CSV_HEADER));
        for (int i = 0; i < codes.size(); i++) {
            sb.append(Csv.row(List.of(packetId, digest, Integer.toString(i + 1), codes.get(i),
                    imgDir + "/" + PacketFormat.item(i + 1) + ".png", "", "", "")));
        }
        Files.writeString(csv, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Lays out one packet as a fillable PDF. */
    private static final class PacketPdf {
        private final ReportTemplate t;

        PacketPdf(ReportTemplate t) {
            this.t = t;
        }

        void write(Path out, String packetId, String digest, List<String> codes, List<List<BufferedImage>> strips,
                   List<String> classes) throws IOException {
            try (PdfDocument pdf = new PdfDocument()) {
                PdfForm form = pdf.form();
                pdf.newPage();
                pdf.heading(t.value("title"), 16);
                float top = pdf.y() - 2;
                pdf.text("Packet ID", pdf.left(), top - 10, 9, Color.BLACK);
                form.lockedValue(PacketFormat.PACKET_ID, pdf.left() + 60, top, 110, 14, packetId, 9);
                pdf.text("Item-list digest", pdf.left() + 190, top - 10, 7, Color.GRAY);
                form.lockedValue(PacketFormat.DIGEST, pdf.left() + 250, top, pdf.width() - 250, 14, digest, 5);
                pdf.down(22);
                pdf.paragraph(t.value("instructions"), 9);
                pdf.paragraph(t.value("disclaimer"), pdf.left(), pdf.width(), 8, Color.DARK_GRAY);
                for (int i = 0; i < codes.size(); i++) {
                    item(pdf, form, i + 1, codes.get(i), strips.get(i), classes);
                }
                pdf.save(out, t.value("title") + " " + packetId, t.value("footer") + " " + packetId);
            }
        }

        private void item(PdfDocument pdf, PdfForm form, int pos, String code, List<BufferedImage> frames,
                          List<String> classes) throws IOException {
            float size = 70;
            float classRows = 1 + classes.size() / 3f;
            pdf.ensure(30 + size + 16 + classRows * 15 + 64);
            pdf.down(8);
            pdf.line(pdf.left(), pdf.y() + 4, pdf.left() + pdf.width(), pdf.y() + 4, Color.LIGHT_GRAY);
            pdf.down(12);
            pdf.text("Item " + pos, pdf.left(), pdf.y(), 11, new Color(20, 40, 90));
            pdf.text("code", pdf.left() + 60, pdf.y(), 7, Color.GRAY);
            form.lockedValue(PacketFormat.codeField(pos), pdf.left() + 80, pdf.y() + 10, 60, 13, code, 9);
            pdf.down(8);
            Strips.row(pdf, frames, null, 0, pdf.left(), pdf.y(), size, 8);
            pdf.down(size + 14);
            pdf.text(t.value("question_class"), pdf.left(), pdf.y(), 8.5f, Color.BLACK);
            pdf.down(14);
            List<float[]> boxes = new ArrayList<>();
            List<String> exports = new ArrayList<>();
            float x = pdf.left() + 8;
            for (int c = 0; c < classes.size(); c++) {
                float w = 16 + pdf.textWidth(classes.get(c), 8.5f) + 18;
                if (x + w > pdf.left() + pdf.width()) {
                    x = pdf.left() + 8;
                    pdf.down(15);
                }
                boxes.add(new float[] {x, pdf.y() - 2, 10});
                exports.add(PacketFormat.classExport(c));
                pdf.text(classes.get(c), x + 14, pdf.y(), 8.5f, Color.BLACK);
                x += w;
            }
            form.radioGroup(PacketFormat.classField(pos), exports, boxes);
            pdf.down(18);
            pdf.text(t.value("question_words"), pdf.left(), pdf.y(), 8.5f, Color.BLACK);
            form.textField(PacketFormat.wordsField(pos), pdf.left() + 175, pdf.y() + 10, pdf.width() - 175, 15, false, "");
            pdf.down(20);
            pdf.text(t.value("question_confidence"), pdf.left(), pdf.y(), 8.5f, Color.BLACK);
            List<float[]> cb = new ArrayList<>();
            List<String> cv = new ArrayList<>();
            for (int k = 1; k <= 5; k++) {
                float bx = pdf.left() + 175 + (k - 1) * 34;
                cb.add(new float[] {bx, pdf.y() - 2, 10});
                cv.add(Integer.toString(k));
                pdf.text(Integer.toString(k), bx + 13, pdf.y(), 8.5f, Color.BLACK);
            }
            form.radioGroup(PacketFormat.confidenceField(pos), cv, cb);
            pdf.down(6);
        }
    }
}
