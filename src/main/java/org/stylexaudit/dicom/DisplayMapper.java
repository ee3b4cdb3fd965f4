package org.stylexaudit.dicom;

import java.awt.image.BufferedImage;

/** Turns stored samples into 8-bit display values: Modality rescale, VOI window, palette and YBR conversion. */
final class DisplayMapper {

    private DisplayMapper() {
    }

    /**
     * Maps a monochrome frame: rescale slope/intercept (PS3.3 C.11.1), then the first Window Center/Width with the
     * linear VOI function of C.11.2.1.2.1; without a window, 8-bit unsigned data is shown as stored and deeper data
     * gets a window over the frame's own min..max (as dcmtk's {@code +Wm}). MONOCHROME1 is inverted last. Output
     * values are truncated, not rounded, so the result equals dcmtk's dcm2pnm pixel for pixel.
     */
    static BufferedImage gray(PixelFrame f, DicomObject ds) {
        double slope = ds.doubleValue(Tag.RescaleSlope, 1.0);
        double intercept = ds.doubleValue(Tag.RescaleIntercept, 0.0);
        if (slope == 0 || Double.isNaN(slope)) {
            slope = 1.0;
        }
        int n = f.rows() * f.columns();
        double[] v = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = stored(f, f.samples()[i]) * slope + intercept;
            v[i] = x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double center = ds.doubleValue(Tag.WindowCenter, Double.NaN);
        double width = ds.doubleValue(Tag.WindowWidth, Double.NaN);
        boolean window = !Double.isNaN(center) && !Double.isNaN(width) && width >= 1;
        boolean identity = !window && f.bitsStored() <= 8 && !f.signed() && slope == 1.0 && intercept == 0.0;
        if (!window && !identity) {
            // dcmtk's min-max window (+Wm): centre (min + max + 1) / 2, width max - min + 1.
            center = (min + max + 1) / 2;
            width = max - min + 1;
        }
        byte[] out = new byte[n];
        boolean invert = f.photometric().equals("MONOCHROME1");
        for (int i = 0; i < n; i++) {
            double y = identity ? v[i] : linearVoi(v[i], center, width);
            // Invert before truncating, as dcmtk does by swapping the output range ends for MONOCHROME1.
            out[i] = (byte) clamp((int) (invert ? 255 - y : y));
        }
        return ImageDecoder.grayImage(f.columns(), f.rows(), out);
    }

    /** PS3.3 C.11.2.1.2.1, with output range 0..255. */
    private static double linearVoi(double x, double c, double w) {
        if (x <= c - 0.5 - (w - 1) / 2) {
            return 0;
        }
        if (x > c - 0.5 + (w - 1) / 2) {
            return 255;
        }
        return ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
    }

    /** Maps RGB or YBR_FULL samples to RGB, scaling samples deeper than 8 bits down to 8. */
    static BufferedImage color(PixelFrame f) {
        int n = f.rows() * f.columns();
        int[] rgb = new int[n];
        boolean ybr = f.photometric().startsWith("YBR");
        double max = (1L << f.bitsStored()) - 1;
        int[] s = f.samples();
        for (int i = 0; i < n; i++) {
            double a = s[3 * i];
            double b = s[3 * i + 1];
            double c = s[3 * i + 2];
            if (ybr) {
                // PS3.3 C.7.6.3.1.2 (YBR_FULL), BT.601 full range with chroma centred on max/2 and results cut to
                // integers, which is how dcmtk converts; our output then equals dcm2pnm's.
                double y = a;
                double cb = b;
                double cr = c;
                a = clampTo(y + 1.4020 * cr - 0.7010 * max, max);
                b = clampTo(y - 0.3441 * cb - 0.7141 * cr + 0.5291 * max, max);
                c = clampTo(y + 1.7720 * cb - 0.8859 * max, max);
            }
            rgb[i] = to8(a, max) << 16 | to8(b, max) << 8 | to8(c, max);
        }
        return ImageDecoder.rgbImage(f.columns(), f.rows(), rgb);
    }

    private static double clampTo(double v, double max) {
        return v < 0 ? 0 : v > max ? max : Math.floor(v);
    }

    private static int to8(double v, double max) {
        double scaled = max == 255 ? v : v * 255.0 / max;
        return clamp((int) Math.round(scaled));
    }

    /** Looks up a PALETTE COLOR frame in the red/green/blue tables (PS3.3 C.7.6.3.1.5-6). */
    static BufferedImage palette(PixelFrame f, DicomObject ds) throws UnsupportedSyntaxException {
        if (ds.contains(Tag.SegmentedRedPaletteColorLookupTableData)) {
            throw new UnsupportedSyntaxException("segmented palette colour lookup tables are not supported");
        }
        int[][] luts = new int[3][];
        int first = 0;
        for (int c = 0; c < 3; c++) {
            int[] desc = ds.ints(Tag.RedPaletteColorLookupTableDescriptor + c);
            byte[] data = ds.bytes(Tag.RedPaletteColorLookupTableData + c);
            if (desc.length < 3 || data == null) {
                throw new UnsupportedSyntaxException("PALETTE COLOR image lacks its lookup table descriptor or data");
            }
            int entries = desc[0] == 0 ? 65536 : desc[0];
            first = f.signed() ? (short) desc[1] : desc[1];
            luts[c] = lut(data, entries, desc[2]);
        }
        int n = f.rows() * f.columns();
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            int v = f.samples()[i] - first;
            int r = luts[0][Math.max(0, Math.min(luts[0].length - 1, v))];
            int g = luts[1][Math.max(0, Math.min(luts[1].length - 1, v))];
            int b = luts[2][Math.max(0, Math.min(luts[2].length - 1, v))];
            rgb[i] = r << 16 | g << 8 | b;
        }
        return ImageDecoder.rgbImage(f.columns(), f.rows(), rgb);
    }

    /** Reads LUT entries as 8-bit output; 8-bit tables may be packed one entry per byte or one per word. */
    private static int[] lut(byte[] data, int entries, int bits) throws UnsupportedSyntaxException {
        int[] out = new int[entries];
        boolean packed8 = bits == 8 && data.length >= entries && data.length < 2 * entries;
        if (!packed8 && data.length < 2 * entries) {
            throw new UnsupportedSyntaxException("palette lookup table holds " + data.length + " bytes for "
                    + entries + " entries");
        }
        for (int i = 0; i < entries; i++) {
            if (packed8) {
                out[i] = data[i] & 0xFF;
            } else {
                int word = (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8;
                out[i] = bits == 16 ? word >> 8 : word & 0xFF;
            }
        }
        return out;
    }

    private static double stored(PixelFrame f, int sample) {
        return f.bitsStored() == 32 && !f.signed() ? Integer.toUnsignedLong(sample) : sample;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
