package org.stylexaudit.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.stylexaudit.report.pdf.Charts;
import org.stylexaudit.report.pdf.PdfDocument;
import org.stylexaudit.report.pdf.PdfForm;
import org.stylexaudit.report.pdf.Strips;

/** One page per discovered attribute: facts, counterfactual strips, probability chart and reviewer fields. */
final class AttributePage {

    private static final float BOTTOM_BLOCK = 196;
    private static final float LABEL_W = 56;

    private final PdfDocument pdf;
    private final ReportTemplate template;
    private final FindingsFolder findings;
    private final Font awt;
    private final int maxStrips;

    AttributePage(PdfDocument pdf, ReportTemplate template, FindingsFolder findings, Font awt, int maxStrips) {
        this.pdf = pdf;
        this.template = template;
        this.findings = findings;
        this.awt = awt;
        this.maxStrips = maxStrips;
    }

    /** Writes the page and returns the names of its form fields. */
    List<String> write(DiscoveredAttribute a) throws IOException, ReportException {
        pdf.newPage();
        pdf.heading(template.heading("attributes", Map.of("id", a.id())), AuditReportWriter.H1);
        facts(a);
        pdf.paragraph(template.text("strip_caption", Map.of("class", a.targetClass())), pdf.left(), pdf.width(),
                AuditReportWriter.SMALL, Color.DARK_GRAY);
        strips(a);
        float top = pdf.y() - 4;
        chart(a, top);
        return reviewerFields(a, top);
    }

    private void facts(DiscoveredAttribute a) throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Style coordinate", a.coordinate().layer() + ", channel " + a.coordinate().channel() + ", "
                + (a.coordinate().direction() > 0 ? "increased" : "decreased"));
        rows.put("Pushes toward", a.targetClass());
        rows.put("Images affected", Formats.percent(a.shareAffected()));
        rows.put("Mean probability change", Formats.change(a.meanProbabilityChange()));
        rows.put("Ground-truth factors", a.alignment().isEmpty() ? template.text("alignment_none")
                : a.alignment().stream().map(x -> x.factor() + " " + Formats.signed(x.change()))
                        .collect(Collectors.joining(", ")));
        pdf.keyValues(rows, AuditReportWriter.SMALL);
    }

    private void strips(DiscoveredAttribute a) throws IOException, ReportException {
        List<CounterfactualStrip> strips = a.strips().subList(0, Math.min(maxStrips, a.strips().size()));
        if (strips.isEmpty()) {
            pdf.paragraph("(no counterfactual strips recorded)", AuditReportWriter.SMALL);
            return;
        }
        int cols = strips.stream().mapToInt(s -> s.frames().size()).max().orElse(1);
        float gap = 4;
        float avail = pdf.y() - PdfDocument.MARGIN - 24 - BOTTOM_BLOCK - 14;
        float byWidth = (pdf.width() - LABEL_W - gap * cols) / cols;
        float byHeight = avail / strips.size() - Strips.CAPTION - gap;
        float size = Math.max(28, Math.min(62, Math.min(byWidth, byHeight)));
        shiftHeader(strips.get(0), size, gap);
        int n = 1;
        for (CounterfactualStrip s : strips) {
            List<BufferedImage> imgs = new ArrayList<>();
            List<String> caps = new ArrayList<>();
            int original = -1;
            for (Frame fr : s.frames()) {
                if (fr.shift() == 0) {
                    original = imgs.size();
                }
                imgs.add(findings.image(fr));
                caps.add("p=" + Formats.p(fr.probability()));
            }
            float top = pdf.y();
            pdf.text("image " + n++, pdf.left(), top - size / 2, 7.5f, Color.BLACK);
            pdf.text(Formats.shortKey(s.imageKey()), pdf.left(), top - size / 2 - 9, 5.5f, Color.GRAY);
            float used = Strips.row(pdf, imgs, caps, original, pdf.left() + LABEL_W, top, size, gap);
            pdf.down(used + gap);
        }
    }

    private void shiftHeader(CounterfactualStrip first, float size, float gap) throws IOException {
        float x = pdf.left() + LABEL_W;
        pdf.down(9);
        for (Frame fr : first.frames()) {
            String label = fr.shift() == 0 ? "original" : (fr.shift() > 0 ? "+" : "\u2212") + Formats.num(Math.abs(fr.shift()), 1);
            pdf.centred(label, x + size / 2, pdf.y(), 7f, Color.DARK_GRAY);
            x += size + gap;
        }
        pdf.down(4);
    }

    private void chart(DiscoveredAttribute a, float top) throws IOException {
        if (a.curves().isEmpty()) {
            return;
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (DiscoveredAttribute.ShiftCurve c : a.curves()) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < c.shifts().size(); i++) {
                pts.add(new double[] {c.shifts().get(i), c.probabilities().get(i)});
            }
            series.put(c.className(), pts);
        }
        JFreeChart chart = Charts.lineChart(template.heading("chart"), "shift (x shift factor)",
                "mean probability", series, new double[] {0, 1}, awt);
        Charts.draw(pdf, chart, awt, pdf.left(), top, 262, BOTTOM_BLOCK - 6);
    }

    private List<String> reviewerFields(DiscoveredAttribute a, float top) throws IOException {
        PdfForm form = pdf.form();
        String p = Formats.fieldName(a.id()) + "_";
        float x = pdf.left() + 276;
        float w = pdf.width() - 276;
        float y = top - 12;
        pdf.text(template.heading("reviewer"), x, y, 10.5f, new Color(20, 40, 90));
        y -= 11;
        for (String line : pdf.wrap(template.text("reviewer_intro"), w, 7f)) {
            pdf.text(line, x, y, 7f, Color.DARK_GRAY);
            y -= 8.5f;
        }
        y -= 4;
        pdf.text("Attribute name", x, y, 8, Color.BLACK);
        form.textField(p + "name", x, y - 3, w, 15, false, "");
        y -= 30;
        y = choice(form, p + "plausible", "Clinically plausible", List.of("yes", "no", "unsure"), x, y);
        y = choice(form, p + "confounder", "Possible confounder", List.of("yes", "no"), x, y);
        form.checkBox(p + "discuss", x, y - 3, 9);
        pdf.text("Flag for panel discussion", x + 14, y - 1, 8, Color.BLACK);
        y -= 17;
        pdf.text("Comment", x, y, 8, Color.BLACK);
        float h = Math.max(24, y - 3 - (top - BOTTOM_BLOCK));
        form.textField(p + "comment", x, y - 3, w, h, true, "");
        pdf.down(BOTTOM_BLOCK);
        return List.of(p + "name", p + "plausible", p + "confounder", p + "discuss", p + "comment");
    }

    private float choice(PdfForm form, String name, String label, List<String> options, float x, float y)
            throws IOException {
        pdf.text(label, x, y, 8, Color.BLACK);
        float bx = x + 92;
        List<float[]> boxes = new ArrayList<>();
        for (String o : options) {
            boxes.add(new float[] {bx, y - 2, 9});
            pdf.text(o, bx + 12, y, 8, Color.BLACK);
            bx += 18 + pdf.textWidth(o, 8) + 8;
        }
        form.radioGroup(name, options, boxes);
        return y - 16;
    }
}
