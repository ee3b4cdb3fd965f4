package org.stylexaudit.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.stylexaudit.common.Progress;
import org.stylexaudit.common.ToolInfo;
import org.stylexaudit.report.pdf.Charts;
import org.stylexaudit.report.pdf.PdfDocument;

/**
 * Writes the PDF audit report of one run: cover, summary, one page per attribute (counterfactual strips, chart,
 * reviewer fields), per-image explanations, method and fidelity, appendix; in the order the template gives.
 *
 * <pre>{@code
 * FindingsFolder f = FindingsFolder.read(Path.of("findings.json"));
 * ReportSummary s = new AuditReportWriter(ReportTemplate.load("report.yaml", null), ReportOptions.DEFAULTS,
 *         Progress.NONE).write(f, Path.of("report.pdf"));
 * }</pre>
 */
public final class AuditReportWriter {

    static final float H1 = 16;
    static final float H2 = 12;
    static final float BODY = 9;
    static final float SMALL = 8;

    private final ReportTemplate template;
    private final ReportOptions options;
    private final Progress progress;

    /** Creates a writer with its template, options and a progress listener. */
    public AuditReportWriter(ReportTemplate template, ReportOptions options, Progress progress) {
        this.template = template;
        this.options = options;
        this.progress = progress;
    }

    /** Writes the report of {@code findings} to {@code out}. */
    public ReportSummary write(FindingsFolder findings, Path out) throws ReportException {
        AuditFindings f = findings.findings();
        List<String> fields = new ArrayList<>();
        List<ImageExplanation> selected = options.select(f.explanations());
        int images = selected.size();
        try (PdfDocument pdf = new PdfDocument()) {
            Font awt = Charts.awtFont();
            List<String> sections = template.sections();
            progress.start("report", sections.size());
            int done = 0;
            for (String section : sections) {
                switch (section) {
                    case "cover" -> cover(pdf, f);
                    case "summary" -> summary(pdf, f);
                    case "attributes" -> {
                        AttributePage page = new AttributePage(pdf, template, findings, awt, options.maxStrips());
                        for (DiscoveredAttribute a : f.attributes()) {
                            fields.addAll(page.write(a));
                        }
                    }
                    case "images" -> new ExplanationPages(pdf, template, findings).write(selected);
                    case "method" -> method(pdf, f.fidelity(), awt);
                    case "appendix" -> appendix(pdf, findings);
                    default -> throw new ReportException("template " + template.source() + " names an unknown section '"
                            + section + "'; known: cover, summary, attributes, images, method, appendix");
                }
                progress.advance(++done, section);
            }
            pdf.save(out, template.value("title"), template.value("footer"));
            progress.finish();
            List<String> headings = pdf.headings().stream().map(h -> h.substring(h.indexOf('\t') + 1)).toList();
            return new ReportSummary(out, pdf.pageCount(), f.attributes().size(), images, headings, fields);
        } catch (IOException | RuntimeException e) {
            throw new ReportException("cannot write report " + out + ": " + e.getMessage(), e);
        }
    }

    private void cover(PdfDocument pdf, AuditFindings f) throws IOException {
        pdf.newPage();
        pdf.down(40);
        pdf.text(template.value("title"), pdf.left(), pdf.y(), 24, new Color(20, 40, 90));
        pdf.down(22);
        pdf.paragraph(template.value("subtitle"), pdf.left(), pdf.width(), 12, Color.DARK_GRAY);
        pdf.down(20);
        pdf.heading(template.heading("cover"), H1);
        RunInfo run = f.run();
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Run date", run.date());
        rows.put("Run id", run.runId() == null ? "(findings file)" : run.runId().toString());
        rows.put("Protocol", run.protocol());
        rows.put("Classifier SHA-256", run.classifierSha256());
        rows.put("StylEx bundle SHA-256", run.bundleSha256());
        rows.put("Classes", String.join(", ", f.classNames()));
        run.imageCounts().forEach((k, v) -> rows.put("Images " + k, v.toString()));
        rows.put("Attributes found", Integer.toString(f.attributes().size()));
        pdf.keyValues(rows, BODY);
        pdf.down(16);
        float top = pdf.y();
        List<String> lines = pdf.wrap(template.value("disclaimer"), pdf.width() - 16, BODY);
        float h = lines.size() * BODY * 1.3f + 14;
        pdf.fillRect(pdf.left(), top - h, pdf.width(), h, new Color(255, 246, 225));
        pdf.down(4);
        pdf.paragraph(template.value("disclaimer"), pdf.left() + 8, pdf.width() - 16, BODY, Color.BLACK);
    }

    private void summary(PdfDocument pdf, AuditFindings f) throws IOException {
        pdf.newPage();
        pdf.heading(template.heading("summary"), H1);
        if (f.attributes().isEmpty()) {
            pdf.paragraph(template.text("summary_none"), BODY);
        } else {
            pdf.paragraph(template.text("summary_intro", Map.of("count", Integer.toString(f.attributes().size()))), BODY);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "Style coordinate", "Pushes toward", "Images affected", "Mean change",
                "Ground-truth factor"});
            for (DiscoveredAttribute a : f.attributes()) {
                rows.add(new String[] {a.id(), a.coordinate().label(), a.targetClass(), Formats.percent(a.shareAffected()),
                    Formats.change(a.meanProbabilityChange()), topFactor(a)});
            }
            float w = pdf.width();
            pdf.table(rows, new float[] {w * 0.07f, w * 0.22f, w * 0.17f, w * 0.14f, w * 0.13f, w * 0.27f}, BODY, true);
        }
        Fidelity fid = f.fidelity();
        pdf.paragraph("Fidelity: classifier decisions agree on " + Formats.percent(fid.reconstructionAgreement())
                + " of reconstructions; mean |change of probability| " + Formats.p(fid.meanAbsProbabilityChange())
                + "; PSNR " + Formats.num(fid.psnr(), 1) + " dB.", BODY);
    }

    static String topFactor(DiscoveredAttribute a) {
        return a.alignment().stream()
                .max((x, y) -> Double.compare(Math.abs(x.change()), Math.abs(y.change())))
                .map(x -> x.factor() + " (" + Formats.signed(x.change()) + ")")
                .orElse("unknown");
    }

    private void method(PdfDocument pdf, Fidelity fid, Font awt) throws IOException {
        pdf.newPage();
        pdf.heading(template.heading("method"), H1);
        pdf.paragraph(template.text("method"), BODY);
        pdf.paragraph(template.text("fidelity_intro"), BODY);
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("Reconstruction agreement", Formats.percent(fid.reconstructionAgreement()));
        rows.put("Mean |probability change|", Formats.num(fid.meanAbsProbabilityChange(), 3));
        rows.put("Reconstruction PSNR", Formats.num(fid.psnr(), 1) + " dB");
        for (Fidelity.SufficiencyPoint p : fid.sufficiency()) {
            rows.put("Flipped with top " + p.k() + " attribute" + (p.k() == 1 ? "" : "s"), Formats.percent(p.shareFlipped()));
        }
        pdf.keyValues(rows, BODY);
        if (!fid.sufficiency().isEmpty()) {
            float h = 210;
            pdf.ensure(h + 30);
            pdf.heading(template.heading("sufficiency"), H2);
            List<double[]> pts = fid.sufficiency().stream().map(p -> new double[] {p.k(), p.shareFlipped()}).toList();
            JFreeChart chart = Charts.lineChart(null, "k (top attributes applied)", "share of decisions flipped",
                    Map.of("flipped", pts), new double[] {0, 1}, awt);
            Charts.draw(pdf, chart, awt, pdf.left(), pdf.y(), 340, h);
            pdf.down(h + 10);
        }
    }

    private void appendix(PdfDocument pdf, FindingsFolder findings) throws IOException {
        RunInfo run = findings.findings().run();
        pdf.newPage();
        pdf.heading(template.heading("appendix"), H1);
        pdf.paragraph(template.text("appendix_intro"), BODY);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("Findings SHA-256", findings.digest());
        prov.put("Classifier SHA-256", run.classifierSha256());
        prov.put("StylEx bundle SHA-256", run.bundleSha256());
        prov.put("Template", template.source() + " (SHA-256 " + template.digest() + ")");
        prov.put("Report written", Instant.now().toString());
        pdf.keyValues(prov, SMALL);
        pdf.heading("Versions", H2);
        Map<String, String> versions = new LinkedHashMap<>();
        run.toolVersions().forEach((k, v) -> versions.put(k + " (run)", v));
        ToolInfo.environment().forEach((k, v) -> versions.put(k + " (report)", v));
        pdf.keyValues(versions, SMALL);
        pdf.heading("Parameters", H2);
        if (run.parameters().isEmpty()) {
            pdf.paragraph("(none recorded)", SMALL);
        } else {
            pdf.keyValues(run.sortedParameters(), SMALL);
        }
    }
}
