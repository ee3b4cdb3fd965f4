package org.stylexaudit.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylexaudit.report.Formats;
import org.stylexaudit.report.ReportTemplate;
import org.stylexaudit.report.pdf.PdfDocument;

/** Writes study scores as a one- or two-page PDF. */
public final class ScoreSheetWriter {

    private final ReportTemplate template;

    /** Creates a writer worded by the study template. */
    public ScoreSheetWriter(ReportTemplate template) {
        this.template = template;
    }

    /** Writes {@code scores} to {@code out}. */
    public void write(StudyScores scores, Path out) throws StudyException {
        try (PdfDocument pdf = new PdfDocument()) {
            pdf.newPage();
            pdf.heading(template.value("scores_title"), 16);
            pdf.paragraph(template.value("scores_intro"), 9);
            Map<String, String> kv = new LinkedHashMap<>();
            kv.put("Study", Long.toString(scores.studyId()));
            kv.put("Packets imported", scores.packetsImported() + " of " + scores.packets());
            kv.put("Classes (chance level)", String.join(", ", scores.classes()) + " (" + Formats.p(scores.chance()) + ")");
            kv.put("Fleiss' kappa (all items)", kappa(scores.kappa()) + " over " + scores.kappaItems() + " items");
            pdf.keyValues(kv, 9);
            pdf.heading("Accuracy per attribute", 12);
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"Attribute", "Pushes toward", "Correct / answered", "Accuracy", "Wilson 95 %",
                "p (binomial)", "Kappa", "Confidence"});
            for (StudyScores.AttributeScore a : scores.attributes()) {
                rows.add(new String[] {a.attributeId(), a.targetClass(), a.correct() + " / " + a.answered(),
                    Double.isNaN(a.accuracy()) ? "-" : Formats.p(a.accuracy()),
                    Formats.p(a.interval().low()) + " - " + Formats.p(a.interval().high()), pValue(a.pValue()),
                    kappa(a.kappa()), Double.isNaN(a.meanConfidence()) ? "-" : Formats.num(a.meanConfidence(), 1)});
            }
            float w = pdf.width();
            pdf.table(rows, new float[] {w * 0.1f, w * 0.2f, w * 0.13f, w * 0.1f, w * 0.14f, w * 0.12f, w * 0.09f,
                w * 0.12f}, 8, true);
            pdf.heading("Words reviewers used", 12);
            List<String[]> words = new ArrayList<>();
            words.add(new String[] {"Attribute", "Most used words (answers using them)"});
            for (StudyScores.AttributeScore a : scores.attributes()) {
                words.add(new String[] {a.attributeId(), a.topWords().isEmpty() ? "-" : String.join(", ", a.topWords())});
            }
            pdf.table(words, new float[] {w * 0.15f, w * 0.85f}, 8, true);
            pdf.save(out, template.value("scores_title"), template.value("scores_title"));
        } catch (IOException | RuntimeException e) {
            throw new StudyException("cannot write scores " + out + ": " + e.getMessage(), e);
        }
    }

    /** Formats a p-value, with a floor so tiny values stay readable. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 0.0001 ? "< 0.0001" : Formats.num(p, 4);
    }

    /** Formats kappa, or "n/a" when undefined. */
    public static String kappa(double k) {
        return Double.isNaN(k) ? "n/a" : Formats.num(k, 3);
    }
}
