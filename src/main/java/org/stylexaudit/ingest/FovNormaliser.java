package org.stylexaudit.ingest;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the circular field of view of a fundus photograph, cuts the square around it and resizes it.
 *
 * <pre>{@code
 * NormalisedImage n = new FovNormaliser(256).normalise(ImageIO.read(file));
 * ImageIO.write(n.image(), "png", out);
 * }</pre>
 *
 * <p>Detection works on a luma map reduced to at most {@value #GRID} pixels a side: the background threshold
 * sits 15% of the way from the darkest 2% to the brightest 1% of the image, edge points are where long bright
 * runs start and end on each row and column (short runs, such as burned-in text, are ignored), and an algebraic
 * least-squares circle (Kasa) is fitted to them twice, the second time without outliers. The circle may be cut by
 * the image border (many cameras crop top and bottom); points on the border are not used. Outside the circle
 * the output is black, which also blanks burned-in annotations that may carry patient data. An image without a
 * convincing circle (an external eye photograph, an already cropped fundus) is framed by the bounding square of
 * its non-background content instead, unmasked.
 */
public final class FovNormaliser {

    /** Largest side of the luma map used for detection; enough to place a circle within a fraction of a percent. */
    static final int GRID = 512;

    /**
     * Smallest field of view accepted, in source pixels: below it the cached image would be mostly interpolation
     * (test patterns and icons in archives are a few pixels wide), not something to explain a classifier with.
     */
    public static final int MIN_FOV_PIXELS = 64;

    private final int size;

    /** Creates a normaliser producing {@code size x size} images. */
    public FovNormaliser(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("output size must be positive, got " + size);
        }
        this.size = size;
    }

    /** Normalises a decoded image; throws {@link UnusableImageException} for a blank, uniform or tiny image. */
    public NormalisedImage normalise(BufferedImage image) throws UnusableImageException {
        RgbPixels px = RgbPixels.of(image);
        FieldOfView fov = detect(px);
        if (2 * fov.radius() < MIN_FOV_PIXELS) {
            throw new UnusableImageException(String.format(java.util.Locale.ROOT,
                    "image too small: field of view %.0f pixels across, at least %d needed", 2 * fov.radius(),
                    MIN_FOV_PIXELS));
        }
        RgbPixels out = SquareResampler.resample(px, fov.centreX() - fov.radius(), fov.centreY() - fov.radius(),
                2 * fov.radius(), size);
        if (fov.circular()) {
            maskOutsideCircle(out);
        }
        return new NormalisedImage(out.toImage(), fov);
    }

    /** Finds the field of view of an image. */
    public FieldOfView detect(BufferedImage image) throws UnusableImageException {
        return detect(RgbPixels.of(image));
    }

    FieldOfView detect(RgbPixels px) throws UnusableImageException {
        LumaGrid g = LumaGrid.of(px, GRID);
        int[] hist = new int[256];
        for (int v : g.luma) {
            hist[v]++;
        }
        int dark = percentile(hist, g.luma.length, 0.02);
        int bright = percentile(hist, g.luma.length, 0.99);
        if (bright < 12) {
            throw new UnusableImageException("blank image: no content brighter than the background (99th "
                    + "percentile luminance " + bright + " of 255)");
        }
        if (bright - dark < 5) {
            throw new UnusableImageException("blank image: uniform luminance " + dark + ".." + bright + " of 255");
        }
        int threshold = dark + Math.max(6, (int) Math.round(0.15 * (bright - dark)));
        boolean[] mask = new boolean[g.luma.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = g.luma[i] > threshold;
        }
        int minRun = Math.max(3, Math.max(g.width, g.height) / 40);
        Edges e = edges(mask, g.width, g.height, minRun);
        FieldOfView circle = fitCircle(e.points, mask, g, minRun);
        if (circle != null) {
            return new FieldOfView(circle.centreX() * g.factor, circle.centreY() * g.factor,
                    circle.radius() * g.factor, true);
        }
        return framing(e, g, px);
    }

    /** Frames the bounding box of the content (or the whole image) in a square, for images without a circle. */
    private static FieldOfView framing(Edges e, LumaGrid g, RgbPixels px) {
        double x0 = 0;
        double y0 = 0;
        double x1 = px.width();
        double y1 = px.height();
        if (e.hasContent()) {
            x0 = Math.max(0, e.minX * g.factor);
            y0 = Math.max(0, e.minY * g.factor);
            x1 = Math.min(px.width(), (e.maxX + 1.0) * g.factor);
            y1 = Math.min(px.height(), (e.maxY + 1.0) * g.factor);
        }
        double r = Math.max(x1 - x0, y1 - y0) / 2;
        return new FieldOfView((x0 + x1) / 2, (y0 + y1) / 2, r, false);
    }

    /** Edge points of the bright region and its bounding box in grid units. */
    private static final class Edges {
        final List<double[]> points = new ArrayList<>();
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;

        boolean hasContent() {
            return maxX >= 0;
        }
    }

    private static Edges edges(boolean[] mask, int w, int h, int minRun) {
        Edges e = new Edges();
        for (int y = 0; y < h; y++) {
            int[] run = longRunExtent(mask, y * w, 1, w, minRun);
            if (run != null) {
                e.minX = Math.min(e.minX, run[0]);
                e.maxX = Math.max(e.maxX, run[1]);
                e.minY = Math.min(e.minY, y);
                e.maxY = Math.max(e.maxY, y);
                // A run touching the border means the circle is cut there: no edge point.
                if (run[0] > 0) {
                    e.points.add(new double[] {run[0], y + 0.5});
                }
                if (run[1] < w - 1) {
                    e.points.add(new double[] {run[1] + 1.0, y + 0.5});
                }
            }
        }
        for (int x = 0; x < w; x++) {
            int[] run = longRunExtent(mask, x, w, h, minRun);
            if (run != null) {
                if (run[0] > 0) {
                    e.points.add(new double[] {x + 0.5, run[0]});
                }
                if (run[1] < h - 1) {
                    e.points.add(new double[] {x + 0.5, run[1] + 1.0});
                }
            }
        }
        return e;
    }

    /** Returns the first start and last end (inclusive) of runs of at least {@code minRun} set cells, or null. */
    private static int[] longRunExtent(boolean[] mask, int offset, int stride, int count, int minRun) {
        int first = -1;
        int last = -1;
        int runStart = -1;
        for (int i = 0; i <= count; i++) {
            boolean on = i < count && mask[offset + i * stride];
            if (on && runStart < 0) {
                runStart = i;
            } else if (!on && runStart >= 0) {
                if (i - runStart >= minRun) {
                    if (first < 0) {
                        first = runStart;
                    }
                    last = i - 1;
                }
                runStart = -1;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    /** Fits a circle to the edge points and accepts it only if the mask agrees; returns grid units or null. */
    private static FieldOfView fitCircle(List<double[]> points, boolean[] mask, LumaGrid g, int minRun) {
        if (points.size() < 12) {
            return null;
        }
        double[] c = kasa(points);
        if (c == null) {
            return null;
        }
        List<double[]> inliers = new ArrayList<>();
        double tolerance = Math.max(1.5, 0.03 * c[2]);
        for (double[] p : points) {
            if (Math.abs(Math.hypot(p[0] - c[0], p[1] - c[1]) - c[2]) <= tolerance) {
                inliers.add(p);
            }
        }
        if (inliers.size() < 12 || inliers.size() < 0.7 * points.size()) {
            return null;
        }
        c = kasa(inliers);
        if (c == null || c[2] < 0.25 * Math.min(g.width, g.height)
                || c[0] < 0 || c[0] > g.width || c[1] < 0 || c[1] > g.height) {
            return null;
        }
        return agreesWithMask(c, mask, g) ? new FieldOfView(c[0], c[1], c[2], true) : null;
    }

    /**
     * Checks that the circle holds the bright region: most cells inside it are bright and few bright cells lie
     * outside it (a vignetted but otherwise ordinary photograph fails one of the two).
     */
    private static boolean agreesWithMask(double[] c, boolean[] mask, LumaGrid g) {
        long inside = 0;
        long insideOn = 0;
        long outsideOn = 0;
        long on = 0;
        double rIn = c[2] * 0.97;
        double rOut = c[2] * 1.03;
        for (int y = 0; y < g.height; y++) {
            for (int x = 0; x < g.width; x++) {
                double d = Math.hypot(x + 0.5 - c[0], y + 0.5 - c[1]);
                boolean m = mask[y * g.width + x];
                if (m) {
                    on++;
                }
                if (d <= rIn) {
                    inside++;
                    if (m) {
                        insideOn++;
                    }
                } else if (d > rOut && m) {
                    outsideOn++;
                }
            }
        }
        return inside > 0 && insideOn >= 0.75 * inside && outsideOn <= 0.05 * on;
    }

    /** Solves the algebraic circle fit x^2 + y^2 + Dx + Ey + F = 0 in least squares; returns {cx, cy, r}. */
    static double[] kasa(List<double[]> pts) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sxz = 0, syz = 0, sz = 0;
        for (double[] p : pts) {
            double x = p[0];
            double y = p[1];
            double z = x * x + y * y;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
            sxz += x * z;
            syz += y * z;
            sz += z;
        }
        double n = pts.size();
        // Normal equations of min sum (z + D x + E y + F)^2.
        double[][] a = {{sxx, sxy, sx}, {sxy, syy, sy}, {sx, sy, n}};
        double[] b = {-sxz, -syz, -sz};
        double[] s = solve3(a, b);
        if (s == null) {
            return null;
        }
        double cx = -s[0] / 2;
        double cy = -s[1] / 2;
        double r2 = cx * cx + cy * cy - s[2];
        return r2 <= 0 ? null : new double[] {cx, cy, Math.sqrt(r2)};
    }

    private static double[] solve3(double[][] a, double[] b) {
        double det = det3(a);
        if (Math.abs(det) < 1e-9) {
            return null;
        }
        double[] out = new double[3];
        for (int col = 0; col < 3; col++) {
            double[][] m = new double[3][];
            for (int r = 0; r < 3; r++) {
                m[r] = a[r].clone();
                m[r][col] = b[r];
            }
            out[col] = det3(m) / det;
        }
        return out;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }

    private static int percentile(int[] hist, int total, double q) {
        long target = (long) Math.ceil(q * total);
        long acc = 0;
        for (int v = 0; v < hist.length; v++) {
            acc += hist[v];
            if (acc >= target) {
                return v;
            }
        }
        return 255;
    }

    /** Blanks the output outside the inscribed circle, which is the field of view after the square crop. */
    private static void maskOutsideCircle(RgbPixels out) {
        int n = out.width();
        double c = n / 2.0;
        double r2 = c * c;
        for (int y = 0; y < n; y++) {
            double dy = y + 0.5 - c;
            for (int x = 0; x < n; x++) {
                double dx = x + 0.5 - c;
                if (dx * dx + dy * dy > r2) {
                    out.rgb()[y * n + x] = 0;
                }
            }
        }
    }

    /** Luma averaged over {@code factor x factor} blocks, so detection cost does not grow with camera resolution. */
    static final class LumaGrid {
        final int width;
        final int height;
        final int factor;
        final int[] luma;

        private LumaGrid(int width, int height, int factor, int[] luma) {
            this.width = width;
            this.height = height;
            this.factor = factor;
            this.luma = luma;
        }

        static LumaGrid of(RgbPixels px, int maxSide) {
            int factor = Math.max(1, (int) Math.ceil(Math.max(px.width(), px.height()) / (double) maxSide));
            int w = (px.width() + factor - 1) / factor;
            int h = (px.height() + factor - 1) / factor;
            long[] sum = new long[w * h];
            int[] count = new int[w * h];
            for (int y = 0; y < px.height(); y++) {
                int gy = y / factor;
                for (int x = 0; x < px.width(); x++) {
                    int k = gy * w + x / factor;
                    sum[k] += RgbPixels.luma(px.rgb()[y * px.width() + x]);
                    count[k]++;
                }
            }
            int[] luma = new int[w * h];
            for (int i = 0; i < luma.length; i++) {
                luma[i] = (int) (sum[i] / count[i]);
            }
            return new LumaGrid(w, h, factor, luma);
        }
    }
}
