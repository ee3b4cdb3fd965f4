package org.stylexaudit.report.pdf;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceCharacteristicsDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.PDAppearanceContentStream;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDCheckBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDRadioButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

/**
 * Fillable AcroForm fields on a {@link PdfDocument}: text fields, radio groups and check boxes, each with explicit
 * appearance streams.
 *
 * <p>Radio and check-box widgets get their appearance dictionaries as direct objects, because poppler (pdftoppm,
 * evince) renders them blank when the /AP dictionary is an indirect reference (DESIGN section 9).
 */
public final class PdfForm {

    private static final float KAPPA = 0.5523f; // Bezier control distance for a quarter circle.

    private final PdfDocument pdf;
    private final PDAcroForm acro;
    private final String fontName;

    PdfForm(PdfDocument pdf) {
        this.pdf = pdf;
        acro = new PDAcroForm(pdf.document());
        pdf.document().getDocumentCatalog().setAcroForm(acro);
        PDResources dr = new PDResources();
        fontName = dr.add(pdf.font()).getName();
        acro.setDefaultResources(dr);
        acro.setDefaultAppearance("/" + fontName + " 0 Tf 0 g");
    }

    /** Returns the PDFBox AcroForm. */
    public PDAcroForm acroForm() {
        return acro;
    }

    /** Adds a text field on the current page; {@code top} is the upper edge. */
    public PDTextField textField(String name, float x, float top, float w, float h, boolean multiline, String value)
            throws IOException {
        return textField(name, x, top, w, h, multiline, value, 9);
    }

    /** Adds a text field with a given font size. */
    public PDTextField textField(String name, float x, float top, float w, float h, boolean multiline, String value,
                                 float fontSize) throws IOException {
        PDTextField tf = new PDTextField(acro);
        tf.setPartialName(name);
        tf.setDefaultAppearance("/" + fontName + " " + fontSize + " Tf 0 g");
        tf.setMultiline(multiline);
        PDAnnotationWidget w0 = tf.getWidgets().get(0);
        w0.setRectangle(new PDRectangle(x, top - h, w, h));
        place(w0);
        w0.setAppearanceCharacteristics(characteristics(new Color(70, 90, 130), new Color(248, 250, 255)));
        w0.setBorderStyle(border());
        acro.getFields().add(tf);
        tf.setValue(value == null ? "" : value);
        return tf;
    }

    /** Adds a read-only text field holding a value the importer checks (packet id, item token). */
    public PDTextField lockedValue(String name, float x, float top, float w, float h, String value, float fontSize)
            throws IOException {
        PDTextField tf = textField(name, x, top, w, h, false, value, fontSize);
        tf.setReadOnly(true);
        return tf;
    }

    /**
     * Adds a radio group whose options are the export values, one widget per box; {@code boxes} holds
     * {x, bottom, size} for each option.
     */
    public PDRadioButton radioGroup(String name, List<String> exportValues, List<float[]> boxes) throws IOException {
        if (exportValues.size() != boxes.size()) {
            throw new IllegalArgumentException("radio group " + name + " has " + exportValues.size()
                    + " options but " + boxes.size() + " boxes");
        }
        PDRadioButton rb = new PDRadioButton(acro);
        rb.setPartialName(name);
        rb.setRadiosInUnison(false);
        List<PDAnnotationWidget> widgets = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            float[] b = boxes.get(i);
            PDAnnotationWidget w = new PDAnnotationWidget();
            w.setRectangle(new PDRectangle(b[0], b[1], b[2], b[2]));
            w.setAppearanceCharacteristics(characteristics(Color.BLACK, Color.WHITE));
            w.setAppearance(onOff(exportValues.get(i), b[2], true));
            w.setAppearanceState(COSName.Off.getName());
            w.getCOSObject().setItem(COSName.PARENT, rb);
            place(w);
            widgets.add(w);
        }
        rb.setWidgets(widgets);
        acro.getFields().add(rb);
        return rb;
    }

    /** Adds a check box at {x, bottom, size} whose "on" value is {@code Yes}. */
    public PDCheckBox checkBox(String name, float x, float bottom, float size) throws IOException {
        PDCheckBox cb = new PDCheckBox(acro);
        cb.setPartialName(name);
        PDAnnotationWidget w = cb.getWidgets().get(0);
        w.setRectangle(new PDRectangle(x, bottom, size, size));
        w.setAppearanceCharacteristics(characteristics(Color.BLACK, Color.WHITE));
        w.setAppearance(onOff("Yes", size, false));
        w.setAppearanceState(COSName.Off.getName());
        place(w);
        acro.getFields().add(cb);
        return cb;
    }

    private void place(PDAnnotationWidget w) throws IOException {
        PDPage page = pdf.page();
        w.setPage(page);
        w.setPrinted(true);
        page.getAnnotations().add(w);
    }

    private static PDAppearanceCharacteristicsDictionary characteristics(Color borderColor, Color background) {
        PDAppearanceCharacteristicsDictionary mk = new PDAppearanceCharacteristicsDictionary(new COSDictionary());
        mk.setBorderColour(rgb(borderColor));
        mk.setBackground(rgb(background));
        return mk;
    }

    private static PDBorderStyleDictionary border() {
        PDBorderStyleDictionary bs = new PDBorderStyleDictionary();
        bs.setWidth(0.8f);
        return bs;
    }

    private static PDColor rgb(Color c) {
        return new PDColor(new float[] {c.getRed() / 255f, c.getGreen() / 255f, c.getBlue() / 255f}, PDDeviceRGB.INSTANCE);
    }

    /** Builds /AP << /N << /on-value stream /Off stream >> >> as direct dictionaries (see class comment). */
    private PDAppearanceDictionary onOff(String onValue, float size, boolean round) throws IOException {
        COSDictionary normal = new COSDictionary();
        normal.setItem(COSName.getPDFName(onValue), stream(size, round, true));
        normal.setItem(COSName.Off, stream(size, round, false));
        normal.setDirect(true);
        COSDictionary down = new COSDictionary();
        down.setItem(COSName.getPDFName(onValue), stream(size, round, true));
        down.setItem(COSName.Off, stream(size, round, false));
        down.setDirect(true);
        PDAppearanceDictionary ap = new PDAppearanceDictionary();
        ap.getCOSObject().setItem(COSName.N, normal);
        ap.getCOSObject().setItem(COSName.D, down);
        ap.getCOSObject().setDirect(true);
        return ap;
    }

    private PDAppearanceStream stream(float size, boolean round, boolean on) throws IOException {
        PDAppearanceStream s = new PDAppearanceStream(pdf.document());
        s.setBBox(new PDRectangle(size, size));
        s.setResources(new PDResources());
        try (PDAppearanceContentStream c = new PDAppearanceContentStream(s)) {
            c.setLineWidth(0.8f);
            c.setStrokingColor(Color.BLACK);
            c.setNonStrokingColor(Color.WHITE);
            float m = size / 2;
            if (round) {
                circle(c, m, m, m - 0.6f);
                c.fillAndStroke();
                if (on) {
                    c.setNonStrokingColor(Color.BLACK);
                    circle(c, m, m, size * 0.25f);
                    c.fill();
                }
            } else {
                c.addRect(0.4f, 0.4f, size - 0.8f, size - 0.8f);
                c.fillAndStroke();
                if (on) {
                    c.setLineWidth(1.4f);
                    c.moveTo(size * 0.2f, size * 0.5f);
                    c.lineTo(size * 0.42f, size * 0.22f);
                    c.lineTo(size * 0.82f, size * 0.8f);
                    c.stroke();
                }
            }
        }
        return s;
    }

    private static void circle(PDAppearanceContentStream c, float cx, float cy, float r) throws IOException {
        float k = KAPPA * r;
        c.moveTo(cx + r, cy);
        c.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        c.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        c.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        c.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        c.closePath();
    }
}
