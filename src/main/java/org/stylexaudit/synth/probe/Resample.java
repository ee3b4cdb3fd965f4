package org.stylexaudit.synth.probe;

import java.awt.image.BufferedImage;

/** Resizes images by area averaging, the way the classifier and StylEx stages shrink fundus images to 64 px. */
public final class Resample {

    private Resample() {
    }

    /** Returns the image resized to {@code size x size} by averaging the source area under each target pixel. */
    public static BufferedImage area(BufferedImage src, int size) {
        int w = src.getWidth();
        int h = src.getHeight();
        int[] px = src.getRGB(0, 0, w, h, null, 0, w);
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        double sx = (double) w / size;
        double sy = (double) h / size;
        int[] row = new int[size];
        for (int y = 0; y < size; y++) {
            double y0 = y * sy;
            double y1 = y0 + sy;
            for (int x = 0; x < size; x++) {
                double x0 = x * sx;
                double x1 = x0 + sx;
                double r = 0;
                double g = 0;
                double b = 0;
                double wsum = 0;
                for (int yy = (int) Math.floor(y0); yy < Math.min(h, (int) Math.ceil(y1)); yy++) {
                    double wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
                    for (int xx = (int) Math.floor(x0); xx < Math.min(w, (int) Math.ceil(x1)); xx++) {
                        double wt = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
                        int p = px[yy * w + xx];
                        r += wt * ((p >> 16) & 0xff);
                        g += wt * ((p >> 8) & 0xff);
                        b += wt * (p & 0xff);
                        wsum += wt;
                    }
                }
                row[x] = (clamp(r / wsum) << 16) | (clamp(g / wsum) << 8) | clamp(b / wsum);
            }
            out.setRGB(0, y, size, 1, row, 0, size);
        }
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
