package org.stylexaudit.report.pdf;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.util.Matrix;

/**
 * An A4 PDF written top to bottom: headings, wrapped paragraphs, tables, images and charts, with page numbers
 * added on save. Text uses PDFBox's bundled Liberation Sans, embedded in full so that form fields filled in later
 * (by a reviewer or by PDFBox) find every glyph.
 *
 * <pre>{@code
 * try (PdfDocument pdf = new PdfDocument()) {
 *     pdf.newPage();
 *     pdf.heading("Summary", 16);
 *     pdf.paragraph("Text", 10);
 *     pdf.save(Path.of("out.pdf"), "Title", "footer");
 * }
 * }</pre>
 */
public final class PdfDocument implements AutoCloseable {

    /** Page size. */
    public static final PDRectangle PAGE = PDRectangle.A4;
    /** Margin on every side, in points. */
    public static final float MARGIN = 42;
    /** Space kept free at the bottom for the footer. */
    private static final float FOOTER = 24;
    private static final String FONT_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

    private final PDDocument doc;
    private final PDType0Font font;
    private final Map<Character, Boolean> glyphs = new HashMap<>();
    private final List<String> bookmarks = new ArrayList<>();
    private PDPage page;
    private PDPageContentStream cs;
    private float y;
    private PdfForm form;

    /** Creates an empty document and embeds the font. */
    public PdfDocument() throws IOException {
        doc = new PDDocument();
        try (InputStream in = PdfDocument.class.getResourceAsStream(FONT_RESOURCE)) {
            if (in == null) {
                throw new IOException("PDFBox's bundled font " + FONT_RESOURCE + " is missing from the class path");
            }
            // Not subset: form fields are filled after saving and need glyphs the page text never used.
            font = PDType0Font.load(doc, in, false);
        }
    }

    /** Returns the underlying PDFBox document. */
    public PDDocument document() {
        return doc;
    }

    /** Returns the embedded font. */
    public PDType0Font font() {
        return font;
    }

    /** Returns the current page. */
    public PDPage page() {
        return page;
    }

    /** Returns the content stream of the current page. */
    public PDPageContentStream content() {
        return cs;
    }

    /** Returns the form fields of this document, creating the AcroForm on first use. */
    public PdfForm form() {
        if (form == null) {
            form = new PdfForm(this);
        }
        return form;
    }

    /** Returns the left edge of the text area. */
    public float left() {
        return MARGIN;
    }

    /** Returns the width of the text area. */
    public float width() {
        return PAGE.getWidth() - 2 * MARGIN;
    }

    /** Returns the current vertical position (PDF coordinates, from the bottom). */
    public float y() {
        return y;
    }

    /** Moves the cursor down by {@code dy} points. */
    public void down(float dy) {
        y -= dy;
    }

    /** Starts a new page and puts the cursor at its top. */
    public void newPage() throws IOException {
        closeContent();
        page = new PDPage(PAGE);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = PAGE.getHeight() - MARGIN;
    }

    /** Starts a new page when less than {@code height} points remain. */
    public void ensure(float height) throws IOException {
        if (page == null || y - height < MARGIN + FOOTER) {
            newPage();
        }
    }

    /** Returns the number of pages so far. */
    public int pageCount() {
        return doc.getNumberOfPages();
    }

    /** Writes a heading and records it for the outline. */
    public void heading(String text, float size) throws IOException {
        ensure(size * 3);
        y -= size;
        text(text, left(), y, size, Color.BLACK);
        y -= size * 0.8f;
        bookmarks.add(pageCount() - 1 + "\t" + text);
    }

    /** Writes a paragraph wrapped to the text width. */
    public void paragraph(String text, float size) throws IOException {
        paragraph(text, left(), width(), size, Color.BLACK);
    }

    /** Writes a paragraph wrapped to {@code w} starting at {@code x}. */
    public void paragraph(String text, float x, float w, float size, Color color) throws IOException {
        for (String line : wrap(text, w, size)) {
            ensure(size * 1.4f);
            y -= size * 1.3f;
            text(line, x, y, size, color);
        }
        y -= size * 0.5f;
    }

    /** Splits text into lines no wider than {@code w}. */
    public List<String> wrap(String text, float w, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String para : text.split("\n")) {
            StringBuilder cur = new StringBuilder();
            for (String word : para.split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                String cand = cur.length() == 0 ? word : cur + " " + word;
                if (cur.length() > 0 && textWidth(cand, size) > w) {
                    lines.add(cur.toString());
                    cur = new StringBuilder(word);
                } else {
                    cur = new StringBuilder(cand);
                }
            }
            lines.add(cur.toString());
        }
        return lines;
    }

    /** Writes one line of text at a position. */
    public void text(String text, float x, float baseline, float size, Color color) throws IOException {
        cs.beginText();
        cs.setNonStrokingColor(color);
        cs.setFont(font, size);
        cs.newLineAtOffset(x, baseline);
        cs.showText(safe(text));
        cs.endText();
        cs.setNonStrokingColor(Color.BLACK);
    }

    /** Writes text centred on {@code cx}. */
    public void centred(String text, float cx, float baseline, float size, Color color) throws IOException {
        text(text, cx - textWidth(text, size) / 2, baseline, size, color);
    }

    /** Returns the width of text in points. */
    public float textWidth(String text, float size) throws IOException {
        return font.getStringWidth(safe(text)) / 1000f * size;
    }

    /** Replaces characters the font has no glyph for, so odd input never aborts a report. */
    public String safe(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            char c = ch == '\t' || ch == '\r' || ch == '\n' ? ' ' : ch;
            sb.append(glyphs.computeIfAbsent(c, this::hasGlyph) ? c : '?');
        }
        return sb.toString();
    }

    private boolean hasGlyph(char c) {
        try {
            // encode() throws when the font has no glyph for the character.
            font.encode(String.valueOf(c));
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Writes a table with column widths; the first row is a header when {@code header} is true. Long cells wrap;
     * the table continues on a new page when needed.
     */
    public void table(List<String[]> rows, float[] widths, float size, boolean header) throws IOException {
        float lineH = size * 1.35f;
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            List<List<String>> cells = new ArrayList<>();
            int lines = 1;
            for (int c = 0; c < widths.length; c++) {
                List<String> l = wrap(c < row.length && row[c] != null ? row[c] : "", widths[c] - 6, size);
                cells.add(l);
                lines = Math.max(lines, l.size());
            }
            float h = lines * lineH + 4;
            ensure(h);
            boolean isHeader = header && r == 0;
            if (isHeader) {
                fillRect(left(), y - h, sum(widths), h, new Color(225, 230, 238));
            }
            float x = left();
            for (int c = 0; c < widths.length; c++) {
                float ly = y - size - 2;
                for (String line : cells.get(c)) {
                    text(line, x + 3, ly, size, Color.BLACK);
                    ly -= lineH;
                }
                x += widths[c];
            }
            y -= h;
            line(left(), y, left() + sum(widths), y, new Color(190, 190, 190));
        }
        y -= size;
    }

    private static float sum(float[] a) {
        float s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }

    /** Writes label/value rows as a two-column table. */
    public void keyValues(Map<String, String> rows, float size) throws IOException {
        List<String[]> l = new ArrayList<>();
        rows.forEach((k, v) -> l.add(new String[] {k, v}));
        table(l, new float[] {width() * 0.32f, width() * 0.68f}, size, false);
    }

    /** Fills a rectangle. */
    public void fillRect(float x, float yBottom, float w, float h, Color color) throws IOException {
        cs.setNonStrokingColor(color);
        cs.addRect(x, yBottom, w, h);
        cs.fill();
        cs.setNonStrokingColor(Color.BLACK);
    }

    /** Strokes a rectangle. */
    public void strokeRect(float x, float yBottom, float w, float h, Color color, float lineWidth) throws IOException {
        cs.setStrokingColor(color);
        cs.setLineWidth(lineWidth);
        cs.addRect(x, yBottom, w, h);
        cs.stroke();
        cs.setStrokingColor(Color.BLACK);
    }

    /** Draws a line. */
    public void line(float x1, float y1, float x2, float y2, Color color) throws IOException {
        cs.setStrokingColor(color);
        cs.setLineWidth(0.5f);
        cs.moveTo(x1, y1);
        cs.lineTo(x2, y2);
        cs.stroke();
        cs.setStrokingColor(Color.BLACK);
    }

    /** Pixels per inch a drawn image is brought up to, so small frames print smooth rather than as blocks. */
    static final int IMAGE_PPI = 150;
    /** Largest upscaling factor; beyond it the file grows and bicubic adds nothing a viewer could not. */
    static final int MAX_UPSCALE = 2;

    /**
     * Draws an image losslessly into a box whose top-left corner is ({@code x}, {@code top}). Images with fewer
     * pixels than the box needs at {@link #IMAGE_PPI} (64 px StylEx frames) are upscaled bicubically by an integer
     * factor and marked for interpolation, so viewers and printers show a smooth picture instead of 1/64-inch blocks.
     */
    public void image(BufferedImage img, float x, float top, float w, float h) throws IOException {
        // Re-encoded from pixels: nothing from the source file's metadata reaches the PDF.
        BufferedImage shown = upscaled(img, w);
        PDImageXObject xo = LosslessFactory.createFromImage(doc, shown);
        xo.setInterpolate(true);
        cs.drawImage(xo, x, top - h, w, h);
    }

    /** Returns the image upscaled so its width reaches {@code widthPt} at {@link #IMAGE_PPI}, or itself. */
    static BufferedImage upscaled(BufferedImage img, float widthPt) {
        double needed = widthPt / 72.0 * IMAGE_PPI;
        int factor = Math.min(MAX_UPSCALE, (int) Math.ceil(needed / img.getWidth()));
        if (factor <= 1) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth() * factor, img.getHeight() * factor,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Draws a vector form (e.g. a chart) with its lower-left corner at ({@code x}, {@code bottom}). */
    public void form(PDFormXObject xo, float x, float bottom) throws IOException {
        cs.saveGraphicsState();
        cs.transform(Matrix.getTranslateInstance(x, bottom));
        cs.drawForm(xo);
        cs.restoreGraphicsState();
    }

    /** Returns the headings written so far as "pageIndex TAB text", in order. */
    public List<String> headings() {
        return List.copyOf(bookmarks);
    }

    /**
     * Adds page numbers and the footer to every page, sets the document information and saves to {@code out}
     * (written to a sibling temp file first, so a failed save never leaves half a PDF under the final name).
     */
    public void save(Path out, String title, String footer) throws IOException {
        closeContent();
        int n = doc.getNumberOfPages();
        for (int i = 0; i < n; i++) {
            try (PDPageContentStream f = new PDPageContentStream(doc, doc.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                cs = f;
                float base = MARGIN - 14;
                text(footer, left(), base, 7.5f, Color.DARK_GRAY);
                String num = "page " + (i + 1) + " of " + n;
                text(num, PAGE.getWidth() - MARGIN - textWidth(num, 7.5f), base, 7.5f, Color.DARK_GRAY);
            }
        }
        cs = null;
        outline();
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setCreator("stylex-audit");
        info.setProducer("stylex-audit (Apache PDFBox)");
        info.setCreationDate(Calendar.getInstance());
        Path abs = out.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
        doc.save(tmp.toFile());
        Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Adds every heading as a bookmark, so long reports can be navigated from the viewer's side panel. */
    private void outline() {
        if (bookmarks.isEmpty()) {
            return;
        }
        PDDocumentOutline outline = new PDDocumentOutline();
        for (String b : bookmarks) {
            int tab = b.indexOf('\t');
            PDPageFitDestination dest = new PDPageFitDestination();
            dest.setPage(doc.getPage(Integer.parseInt(b.substring(0, tab))));
            PDOutlineItem item = new PDOutlineItem();
            item.setTitle(b.substring(tab + 1));
            item.setDestination(dest);
            outline.addLast(item);
        }
        doc.getDocumentCatalog().setDocumentOutline(outline);
    }

    private void closeContent() throws IOException {
        if (cs != null) {
            cs.close();
            cs = null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            closeContent();
        } finally {
            doc.close();
        }
    }
}
