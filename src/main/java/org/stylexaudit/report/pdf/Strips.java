package org.stylexaudit.report.pdf;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

/** Draws rows of image frames with an optional caption under each frame. */
public final class Strips {

    /** Height of the caption line under a frame. */
    public static final float CAPTION = 10;

    private Strips() {
    }

    /**
     * Draws frames left to right from ({@code x}, {@code top}); the frame at {@code highlight} (or none when -1) gets
     * a heavier border. Captions may be {@code null} (blinded study items show no numbers).
     *
     * @return the height used
     */
    public static float row(PdfDocument pdf, List<BufferedImage> frames, List<String> captions, int highlight,
                            float x, float top, float size, float gap) throws IOException {
        float fx = x;
        for (int i = 0; i < frames.size(); i++) {
            pdf.image(frames.get(i), fx, top, size, size);
            boolean hi = i == highlight;
            pdf.strokeRect(fx, top - size, size, size, hi ? new Color(20, 60, 160) : new Color(150, 150, 150),
                    hi ? 1.6f : 0.4f);
            if (captions != null && captions.get(i) != null) {
                pdf.centred(captions.get(i), fx + size / 2, top - size - CAPTION + 2.5f, 7f, Color.BLACK);
            }
            fx += size + gap;
        }
        return size + (captions == null ? 0 : CAPTION);
    }
}
