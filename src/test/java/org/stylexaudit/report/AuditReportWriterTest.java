package org.stylexaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;

class AuditReportWriterTest {

    @TempDir
    Path tmp;

    @TempDir
    static Path shared;
    private static FindingsFolder sharedFindings;
    private static Path sharedPdf;
    private static ReportSummary sharedSummary;

    /** Writes the default fixture and its report once; most tests only read it. */
    @org.junit.jupiter.api.BeforeAll
    static void writeShared() throws Exception {
        sharedFindings = FindingsFixture.write(shared.resolve("findings"));
        sharedPdf = shared.resolve("report.pdf");
        sharedSummary = new AuditReportWriter(ReportTemplate.bundled("report.yaml"), ReportOptions.DEFAULTS,
                Progress.NONE).write(sharedFindings, sharedPdf);
        Files.copy(sharedPdf, Path.of("target", "sample-report.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void write_fixtureFindings_containsEverySectionTitleInTemplateOrder() throws Exception {
        Path pdf = sharedPdf;
        ReportSummary s = sharedSummary;
        ReportTemplate t = ReportTemplate.bundled("report.yaml");
        String text = PdfChecks.text(pdf);
        int last = -1;
        for (String h : List.of(t.heading("cover"), t.heading("summary"), t.heading("attributes", Map.of("id", "A1")),
                t.heading("attributes", Map.of("id", "A4")), t.heading("images"), t.heading("method"),
                t.heading("appendix"))) {
            int at = text.indexOf(h);
            assertTrue(at > last, "heading '" + h + "' missing or out of order");
            last = at;
        }
        // cover + summary + 4 attribute pages + explanations + method + appendix
        assertTrue(s.pages() >= 9, "pages: " + s.pages());
        assertEquals(4, s.attributes());
        assertEquals(3, s.images());
    }

    @Test
    void write_attributePage_showsFactsProbabilitiesAndChart() throws Exception {
        FindingsFolder f = sharedFindings;
        Path pdf = sharedPdf;
        DiscoveredAttribute a1 = f.findings().attribute("A1");
        String page = PdfChecks.pageText(pdf, 3);
        assertTrue(page.contains("Discovered attribute A1"), page);
        assertTrue(page.contains(a1.targetClass()));
        assertTrue(page.contains(Formats.percent(a1.shareAffected())));
        assertTrue(page.contains(Formats.signed(a1.meanProbabilityChange())));
        assertTrue(page.contains("cup-to-disc ratio"));
        Frame first = a1.strips().get(0).frames().get(0);
        assertTrue(page.contains("p=" + Formats.p(first.probability())), "frame caption");
        // chart axis label is real text, drawn through PdfBoxGraphics2D with the embedded font
        assertTrue(page.contains("shift (x shift factor)"), page);
        assertTrue(page.contains("Clinically plausible"));
    }

    @Test
    void write_reviewerFields_presentWithDirectAppearanceDictionaries() throws Exception {
        Path pdf = sharedPdf;
        ReportSummary s = sharedSummary;
        List<String> names = PdfChecks.fieldNames(pdf);
        for (String id : List.of("A1", "A2", "A3", "A4")) {
            for (String suffix : List.of("_name", "_plausible", "_confounder", "_discuss", "_comment")) {
                assertTrue(names.contains(id + suffix), id + suffix + " in " + names);
            }
        }
        assertEquals(20, s.fields().size());
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            PDAcroForm form = d.getDocumentCatalog().getAcroForm();
            int buttons = 0;
            for (PDField field : form.getFieldTree()) {
                if (field instanceof PDButton b) {
                    for (PDAnnotationWidget w : b.getWidgets()) {
                        COSBase ap = w.getCOSObject().getItem(COSName.AP);
                        assertTrue(ap instanceof org.apache.pdfbox.cos.COSDictionary, field.getFullyQualifiedName()
                                + " /AP must be a direct dictionary, was " + ap);
                        buttons++;
                    }
                }
            }
            // per attribute: 3 plausible + 2 confounder radios + 1 check box
            assertEquals(4 * 6, buttons);
            assertEquals(List.of("no", "unsure", "yes"),
                    ((PDButton) form.getField("A1_plausible")).getOnValues().stream().sorted().toList());
        }
    }

    @Test
    void write_fixtureWithPlantedPhi_leaksNothing() throws Exception {
        FindingsFolder f = sharedFindings;
        Path pdf = sharedPdf;
        // the fixture really carries the PHI, so the scan can fail
        assertTrue(PdfChecks.leaks(f.dir().resolve("findings.json"), FindingsFixture.PHI).size() >= 5);
        assertEquals(List.of(), PdfChecks.leaks(pdf, FindingsFixture.PHI));
    }

    @Test
    void write_unknownSection_failsNamingIt() throws Exception {
        FindingsFolder f = FindingsFixture.write(tmp.resolve("findings"), 1, 4, 5, 1L);
        Path dir = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(dir.resolve("report.yaml"), Files.readString(Path.of("templates/report.yaml"))
                .replace("  - method\n", "  - methdo\n"));
        ReportException e = assertThrows(ReportException.class, () -> new AuditReportWriter(
                ReportTemplate.load("report.yaml", dir), ReportOptions.DEFAULTS, Progress.NONE)
                .write(f, tmp.resolve("x.pdf")));
        assertTrue(e.getMessage().contains("methdo"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("x.pdf")));
    }

    @Test
    void write_customTemplate_changesWordingAndOrder() throws Exception {
        FindingsFolder f = FindingsFixture.write(tmp.resolve("findings"), 2, 4, 5, 3L);
        Path dir = Files.createDirectories(tmp.resolve("t"));
        Files.writeString(dir.resolve("report.yaml"), Files.readString(Path.of("templates/report.yaml"))
                .replace("summary: \"Summary of findings\"", "summary: \"Befunde im Ueberblick\"")
                .replace("  - images\n", ""));
        Path pdf = tmp.resolve("custom.pdf");
        ReportSummary s = new AuditReportWriter(ReportTemplate.load("report.yaml", dir), ReportOptions.DEFAULTS,
                Progress.NONE).write(f, pdf);
        String text = PdfChecks.text(pdf);
        assertTrue(text.contains("Befunde im Ueberblick"));
        assertTrue(!text.contains("Per-image explanations"));
        assertTrue(s.headings().contains("Befunde im Ueberblick"));
    }

    @Test
    void write_imageKeyFilter_explainsOnlyThatImage() throws Exception {
        String key = sharedFindings.findings().explanations().get(1).imageKey();
        Path pdf = tmp.resolve("one.pdf");
        ReportSummary s = new AuditReportWriter(ReportTemplate.bundled("report.yaml"),
                new ReportOptions(4, 4, List.of(key.substring(0, 8))), Progress.NONE).write(sharedFindings, pdf);
        assertEquals(1, s.images());
        String text = PdfChecks.text(pdf);
        assertTrue(text.contains("Image 1 (key " + key.substring(0, 12) + ")"), text);
        assertTrue(!text.contains("Image 2 (key"));
    }

    @Test
    void write_outline_hasOneBookmarkPerHeading() throws Exception {
        try (PDDocument d = Loader.loadPDF(sharedPdf.toFile())) {
            List<String> titles = new java.util.ArrayList<>();
            d.getDocumentCatalog().getDocumentOutline().children().forEach(i -> titles.add(i.getTitle()));
            assertEquals(sharedSummary.headings(), titles);
            assertTrue(titles.contains("Discovered attribute A3"));
        }
    }
}
