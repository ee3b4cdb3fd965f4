package org.stylexaudit.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads PDFs back for assertions: text, form fields, and a PHI scan over everything a viewer could show. */
public final class PdfChecks {

    private PdfChecks() {
    }

    /** Returns the extracted text of every page. */
    public static String text(Path pdf) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(d);
        }
    }

    /** Returns the text of one page (1-based). */
    public static String pageText(Path pdf, int page) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            PDFTextStripper s = new PDFTextStripper();
            s.setStartPage(page);
            s.setEndPage(page);
            return s.getText(d);
        }
    }

    /** Returns the fully qualified names of all AcroForm fields. */
    public static List<String> fieldNames(Path pdf) throws IOException {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            PDAcroForm f = d.getDocumentCatalog().getAcroForm();
            List<String> out = new ArrayList<>();
            if (f != null) {
                for (PDField field : f.getFieldTree()) {
                    out.add(field.getFullyQualifiedName());
                }
            }
            return out;
        }
    }

    /**
     * Returns which of {@code needles} occur (case-insensitive) in the file's bytes, its extracted text, its field
     * values or any decoded non-image stream.
     */
    public static List<String> leaks(Path file, List<String> needles) throws IOException {
        StringBuilder hay = new StringBuilder(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        if (file.toString().endsWith(".pdf")) {
            try (PDDocument d = Loader.loadPDF(file.toFile())) {
                hay.append('\n').append(new PDFTextStripper().getText(d));
                PDAcroForm f = d.getDocumentCatalog().getAcroForm();
                if (f != null) {
                    for (PDField field : f.getFieldTree()) {
                        hay.append('\n').append(field.getValueAsString());
                    }
                }
                for (COSObject o : d.getDocument().getXrefTable().keySet().stream()
                        .map(k -> d.getDocument().getObjectFromPool(k)).toList()) {
                    COSBase b = o.getObject();
                    if (b instanceof COSStream s && !COSName.IMAGE.equals(s.getCOSName(COSName.SUBTYPE))) {
                        try (InputStream in = s.createInputStream()) {
                            ByteArrayOutputStream bo = new ByteArrayOutputStream();
                            in.transferTo(bo);
                            hay.append('\n').append(bo.toString(StandardCharsets.ISO_8859_1));
                        }
                    }
                }
            }
        }
        String h = hay.toString().toLowerCase(Locale.ROOT);
        return needles.stream().filter(n -> h.contains(n.toLowerCase(Locale.ROOT))).toList();
    }
}
