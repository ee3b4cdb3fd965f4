package org.stylexaudit.ingest;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.stylexaudit.dicom.DicomException;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomWriter;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.VR;

/** Draws fundus-like test images with a known field of view and writes them in the formats ingest reads. */
final class FundusFixtures {

    private FundusFixtures() {
    }

    /**
     * Draws a fundus-like photograph: a reddish disc with radial fall-off, a bright optic disc, a few dark
     * vessels and sensor noise, on a near-black background with noise, centred at ({@code cx}, {@code cy}).
     */
    static BufferedImage fundus(int w, int h, double cx, double cy, double r, long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        double discX = cx + 0.35 * r;
        double discY = cy - 0.05 * r;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) / r;
                int red;
                int green;
                int blue;
                if (d <= 1) {
                    double fall = 1 - 0.45 * d * d;
                    red = (int) (190 * fall);
                    green = (int) (85 * fall);
                    blue = (int) (40 * fall);
                    if (Math.hypot(x - discX, y - discY) < 0.12 * r) {
                        red = 250;
                        green = 220;
                        blue = 150;
                    }
                    // Vessels: dark sinusoidal bands.
                    if (Math.abs(Math.sin((y - cy) / r * 9 + (x - cx) / r * 2)) < 0.05) {
                        red = (int) (red * 0.6);
                        green = (int) (green * 0.5);
                        blue = (int) (blue * 0.5);
                    }
                } else {
                    red = green = blue = 3;
                }
                red = clamp(red + rnd.nextInt(7) - 3);
                green = clamp(green + rnd.nextInt(7) - 3);
                blue = clamp(blue + rnd.nextInt(7) - 3);
                img.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return img;
    }

    /** Writes burned-in white text into the top-left corner, as fundus cameras do with dates and names. */
    static BufferedImage withCornerText(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, img.getHeight() / 30)));
        g.drawString("2024-01-01 OD", 5, img.getHeight() / 25 + 5);
        g.dispose();
        return img;
    }

    /** Writes an image in a format ImageIO knows ({@code png}, {@code jpeg}, {@code tiff}). */
    static Path write(BufferedImage img, String format, Path file) throws IOException {
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return file;
    }

    /** Patient data put into every test DICOM file; ingest must never store or print it. */
    static final String PATIENT_NAME = "DOE^JANE";
    /** See {@link #PATIENT_NAME}. */
    static final String PATIENT_ID = "PID-738215";

    /**
     * Builds a DICOM image data set with patient data, the given SOP class and UIDs, and the image as 8-bit RGB
     * (or MONOCHROME2 when {@code rgb} is false).
     */
    static DicomObject dicom(String sopClass, String sopInstance, String study, BufferedImage img, boolean rgb) {
        DicomObject ds = new DicomObject();
        ds.put(Tag.SOPClassUID, VR.UI, sopClass);
        ds.put(Tag.SOPInstanceUID, VR.UI, sopInstance);
        ds.put(Tag.StudyInstanceUID, VR.UI, study);
        ds.put(Tag.PatientName, VR.PN, PATIENT_NAME);
        ds.put(Tag.PatientID, VR.LO, PATIENT_ID);
        ds.put(Tag.PatientBirthDate, VR.DA, "19500101");
        if (img != null) {
            DicomWriter.putImage(ds, img, rgb);
        }
        return ds;
    }

    /** Writes a data set as an explicit VR little endian Part 10 file. */
    static Path write(DicomObject ds, Path file) throws DicomException {
        DicomWriter.write(file, ds);
        return file;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
