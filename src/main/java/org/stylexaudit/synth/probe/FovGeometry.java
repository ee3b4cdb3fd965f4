package org.stylexaudit.synth.probe;

import java.awt.image.BufferedImage;

/**
 * The circular field of view of a fundus photograph: centre and radius in pixels, found from the pixels brighter
 * than the black surround (centroid and the radius of a disc of the same area).
 */
record FovGeometry(double cx, double cy, double radius) {

    /** Luminance (0..255) above which a pixel is inside the field of view. */
    private static final int THRESHOLD = 20;

    static FovGeometry detect(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        long n = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = px[y * w + x];
                int lum = (((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff)) / 10;
                if (lum > THRESHOLD) {
                    n++;
                    sx += x + 0.5;
                    sy += y + 0.5;
                }
            }
        }
        if (n < 16) {
            // No visible field of view: assume it fills the frame so the probes still return numbers.
            return new FovGeometry(w / 2.0, h / 2.0, Math.min(w, h) / 2.0);
        }
        return new FovGeometry(sx / n, sy / n, Math.sqrt(n / Math.PI));
    }

    /** Returns the source x of FOV coordinate u. */
    double x(double u) {
        return cx + u * radius;
    }

    /** Returns the source y of FOV coordinate v. */
    double y(double v) {
        return cy + v * radius;
    }
}
