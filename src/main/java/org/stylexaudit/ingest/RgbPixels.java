package org.stylexaudit.ingest;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * An image as packed 8-bit RGB ({@code 0xRRGGBB}), row-major; the one pixel layout normalisation works on.
 *
 * @param width  columns
 * @param height rows
 * @param rgb    {@code width * height} packed pixels
 */
record RgbPixels(int width, int height, int[] rgb) {

    /**
     * Converts any decoded image to 8-bit RGB.
     *
     * <p>Grey images are converted sample by sample rather than with {@code Graphics2D}: Java treats grey as
     * linear light and would brighten it on the way to sRGB. Samples deeper than 8 bits are scaled by their full
     * bit range (no data-dependent windowing; DICOM images arrive already windowed). Transparent pixels are
     * composited over black, the colour of the background outside a fundus field of view.
     */
    static RgbPixels of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] out = new int[w * h];
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        boolean alpha = cm.hasAlpha();
        if (cm instanceof IndexColorModel || (cm.getColorSpace().isCS_sRGB() && allSamplesAre8Bit(cm))) {
            img.getRGB(0, 0, w, h, out, 0, w);
            if (alpha) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = overBlack(out[i]);
                }
            }
            return new RgbPixels(w, h, out);
        }
        int colours = cm.getNumColorComponents();
        int bands = r.getNumBands();
        int[] px = new int[bands];
        double[] scale = new double[bands];
        for (int b = 0; b < bands; b++) {
            scale[b] = 255.0 / ((1L << r.getSampleModel().getSampleSize(b)) - 1);
        }
        boolean grey = colours == 1 || cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.getPixel(x, y, px);
                int red;
                int green;
                int blue;
                if (grey) {
                    red = green = blue = clamp(px[0] * scale[0]);
                } else {
                    red = clamp(px[0] * scale[0]);
                    green = clamp(px[1] * scale[1]);
                    blue = clamp(px[2] * scale[2]);
                }
                if (alpha) {
                    double a = px[bands - 1] * scale[bands - 1] / 255.0;
                    red = clamp(red * a);
                    green = clamp(green * a);
                    blue = clamp(blue * a);
                }
                out[y * w + x] = (red << 16) | (green << 8) | blue;
            }
        }
        return new RgbPixels(w, h, out);
    }

    /** Returns the image as a {@code TYPE_INT_RGB} buffered image sharing no state with this record. */
    BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, height, rgb, 0, width);
        return img;
    }

    /** Returns the Rec. 601 luma of a packed pixel, 0..255. */
    static int luma(int p) {
        return (299 * ((p >> 16) & 0xFF) + 587 * ((p >> 8) & 0xFF) + 114 * (p & 0xFF) + 500) / 1000;
    }

    private static boolean allSamplesAre8Bit(ColorModel cm) {
        for (int s : cm.getComponentSize()) {
            if (s != 8) {
                return false;
            }
        }
        return true;
    }

    private static int overBlack(int argb) {
        int a = (argb >>> 24) & 0xFF;
        int red = ((argb >> 16) & 0xFF) * a / 255;
        int green = ((argb >> 8) & 0xFF) * a / 255;
        int blue = (argb & 0xFF) * a / 255;
        return (red << 16) | (green << 8) | blue;
    }

    private static int clamp(double v) {
        int i = (int) Math.round(v);
        return i < 0 ? 0 : Math.min(255, i);
    }
}
