package org.stylexaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;

/** Renders reports with poppler (pdftoppm, pdftotext), the viewer family that hides badly built form widgets. */
@Tag("external")
public class PopplerRenderTest {

    private static final int DPI = 144;

    @TempDir
    Path tmp;

    public static String exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timeout: " + cmd);
        assertEquals(0, p.exitValue(), cmd + ": " + out);
        return out;
    }

    static BufferedImage render(Path pdf, int page, Path dir) throws Exception {
        Path prefix = dir.resolve("page" + page);
        exec(List.of("pdftoppm", "-r", Integer.toString(DPI), "-f", Integer.toString(page), "-l",
                Integer.toString(page), "-png", "-singlefile", pdf.toString(), prefix.toString()));
        return ImageIO.read(prefix.resolveSibling("page" + page + ".png").toFile());
    }

    /** Counts dark pixels inside a widget rectangle of the rendered page. */
    static int darkPixels(BufferedImage img, PDRectangle r, float pageHeight) {
        double s = DPI / 72.0;
        int x0 = (int) Math.floor(r.getLowerLeftX() * s);
        int x1 = (int) Math.ceil(r.getUpperRightX() * s);
        int y0 = (int) Math.floor((pageHeight - r.getUpperRightY()) * s);
        int y1 = (int) Math.ceil((pageHeight - r.getLowerLeftY()) * s);
        int dark = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
                int rgb = img.getRGB(x, y);
                int lum = ((rgb >> 16 & 255) + (rgb >> 8 & 255) + (rgb & 255)) / 3;
                dark += lum < 100 ? 1 : 0;
            }
        }
        return dark;
    }

    /** Returns, per button widget on the page, {pageIndex, dark pixels}. */
    public static List<int[]> buttonInk(Path pdf, Path dir) throws Exception {
        List<int[]> out = new ArrayList<>();
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            Map<Integer, BufferedImage> pages = new java.util.HashMap<>();
            for (PDField f : d.getDocumentCatalog().getAcroForm().getFieldTree()) {
                if (!(f instanceof PDButton b)) {
                    continue;
                }
                for (PDAnnotationWidget w : b.getWidgets()) {
                    int idx = d.getPages().indexOf(w.getPage());
                    BufferedImage img = pages.computeIfAbsent(idx, i -> {
                        try {
                            return render(pdf, i + 1, dir);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    out.add(new int[] {idx, darkPixels(img, w.getRectangle(), w.getPage().getMediaBox().getHeight())});
                }
            }
        }
        return out;
    }

    @Test
    void report_everyPageRendersAndSectionTitlesAreText() throws Exception {
        FindingsFolder f = FindingsFixture.write(tmp.resolve("findings"), 2, 5, 5, 9L);
        Path pdf = tmp.resolve("report.pdf");
        ReportSummary s = new AuditReportWriter(ReportTemplate.bundled("report.yaml"), ReportOptions.DEFAULTS,
                Progress.NONE).write(f, pdf);
        Path dir = Files.createDirectories(tmp.resolve("png"));
        exec(List.of("pdftoppm", "-r", "50", "-png", pdf.toString(), dir.resolve("p").toString()));
        List<Path> pngs;
        try (var l = Files.list(dir)) {
            pngs = l.sorted().toList();
        }
        assertEquals(s.pages(), pngs.size());
        for (Path png : pngs) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertTrue(img.getWidth() > 300, png + " rendered");
        }
        String text = exec(List.of("pdftotext", "-layout", pdf.toString(), "-"));
        ReportTemplate t = ReportTemplate.bundled("report.yaml");
        for (String h : List.of(t.heading("cover"), t.heading("summary"), t.heading("attributes", Map.of("id", "A1")),
                t.heading("attributes", Map.of("id", "A2")), t.heading("images"), t.heading("method"),
                t.heading("appendix"), t.heading("reviewer"))) {
            assertTrue(text.contains(h), "pdftotext lacks '" + h + "'");
        }
        assertEquals(List.of(), PdfChecks.leaks(pdf, FindingsFixture.PHI));
        assertTrue(FindingsFixture.PHI.stream().noneMatch(text::contains));
    }

    @Test
    void report_radioButtonsAndCheckBoxesAreVisibleInPoppler() throws Exception {
        FindingsFolder f = FindingsFixture.write(tmp.resolve("findings"), 1, 4, 5, 9L);
        Path pdf = tmp.resolve("report.pdf");
        new AuditReportWriter(ReportTemplate.bundled("report.yaml"), ReportOptions.DEFAULTS, Progress.NONE).write(f, pdf);
        List<int[]> empty = buttonInk(pdf, Files.createDirectories(tmp.resolve("a")));
        assertEquals(6, empty.size());
        for (int[] w : empty) {
            assertTrue(w[1] > 10, "an unselected radio/check box must show its outline, dark pixels: " + w[1]);
        }
        Path filled = tmp.resolve("filled.pdf");
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            var form = d.getDocumentCatalog().getAcroForm();
            ((PDButton) form.getField("A1_plausible")).setValue("yes");
            ((PDButton) form.getField("A1_confounder")).setValue("no");
            ((org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox) form.getField("A1_discuss")).check();
            d.save(filled.toFile());
        }
        List<int[]> after = buttonInk(filled, Files.createDirectories(tmp.resolve("b")));
        int more = 0;
        for (int i = 0; i < after.size(); i++) {
            more += after.get(i)[1] > empty.get(i)[1] + 10 ? 1 : 0;
        }
        assertEquals(3, more, "exactly the three selected widgets show a mark");
    }
}
