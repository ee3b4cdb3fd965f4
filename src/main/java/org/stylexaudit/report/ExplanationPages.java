package org.stylexaudit.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.stylexaudit.report.pdf.PdfDocument;
import org.stylexaudit.report.pdf.Strips;

/** Per-image explanations: the original with its top attributes applied one at a time, and a ranked table. */
final class ExplanationPages {

    private static final int MAX_FRAMES = 6;

    private final PdfDocument pdf;
    private final ReportTemplate template;
    private final FindingsFolder findings;

    ExplanationPages(PdfDocument pdf, ReportTemplate template, FindingsFolder findings) {
        this.pdf = pdf;
        this.template = template;
        this.findings = findings;
    }

    void write(List<ImageExplanation> list) throws IOException, ReportException {
        pdf.newPage();
        pdf.heading(template.heading("images"), AuditReportWriter.H1);
        pdf.paragraph(template.text("images_intro"), AuditReportWriter.BODY);
        if (list.isEmpty()) {
            pdf.paragraph("(no images selected)", AuditReportWriter.BODY);
        }
        for (int i = 0; i < list.size(); i++) {
            image(i + 1, list.get(i));
        }
    }

    private void image(int n, ImageExplanation e) throws IOException, ReportException {
        float size = 64;
        int rows = Math.min(e.ranked().size(), 8);
        pdf.ensure(30 + size + Strips.CAPTION + 16 + (rows + 1) * 12);
        pdf.heading("Image " + n + " (key " + Formats.shortKey(e.imageKey()) + "): predicted " + e.predictedClass(),
                AuditReportWriter.H2 - 1);
        List<BufferedImage> imgs = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        imgs.add(findings.image(e.original()));
        caps.add("original");
        for (ImageExplanation.RankedAttribute r : e.ranked().subList(0, Math.min(MAX_FRAMES - 1, e.ranked().size()))) {
            imgs.add(findings.image(r.frame()));
            caps.add(label(r) + ": " + Formats.p(r.probabilityAfter()));
        }
        float used = Strips.row(pdf, imgs, caps, 0, pdf.left(), pdf.y(), size, 10);
        pdf.down(used + 8);
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"Rank", "Attribute", "Style coordinate", "Class", "p before", "p after", "Change"});
        int rank = 1;
        for (ImageExplanation.RankedAttribute r : e.ranked().subList(0, rows)) {
            table.add(new String[] {Integer.toString(rank++), label(r), r.coordinate().label(), r.targetClass(),
                Formats.p(r.probabilityBefore()), Formats.p(r.probabilityAfter()),
                Formats.signed(r.probabilityAfter() - r.probabilityBefore())});
        }
        float w = pdf.width();
        pdf.table(table, new float[] {w * 0.07f, w * 0.12f, w * 0.27f, w * 0.18f, w * 0.12f, w * 0.12f, w * 0.12f},
                AuditReportWriter.SMALL, true);
        pdf.down(6);
        pdf.line(pdf.left(), pdf.y() + 4, pdf.left() + w, pdf.y() + 4, Color.LIGHT_GRAY);
    }

    private static String label(ImageExplanation.RankedAttribute r) {
        return r.attributeId() == null ? "-" : r.attributeId();
    }
}
