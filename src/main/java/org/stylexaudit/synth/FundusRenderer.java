package org.stylexaudit.synth;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a fundus photograph from its factors. Rendering works in reflectance first (background, macula, disc,
 * vessels, lesions), then applies illumination and the camera's colour gains, optical blur, sensor noise and the
 * circular field stop. Deterministic: the same factors and size give the same pixels.
 *
 * <pre>{@code
 * BufferedImage img = new FundusRenderer().render(factors, 256);
 * }</pre>
 */
public final class FundusRenderer {

    private static final double[] LIGHT_FUNDUS = {0.86, 0.44, 0.21};
    private static final double[] DARK_FUNDUS = {0.50, 0.245, 0.125};
    private static final double[] DISC_RIM = {0.96, 0.72, 0.44};
    private static final double[] DISC_CUP = {1.00, 0.92, 0.68};
    private static final double[] VEIN = {0.78, 0.62, 0.70};
    private static final double[] ARTERY = {0.92, 0.78, 0.82};
    private static final double[] RED_LESION = {0.50, 0.20, 0.30};
    private static final double[] EXUDATE = {1.00, 0.86, 0.30};
    private static final double[] COTTON_WOOL = {0.96, 0.91, 0.82};
    private static final double[] DRUSE = {0.95, 0.80, 0.48};
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Renders the image as an {@code n x n} RGB image. */
    public BufferedImage render(FundusFactors f, int n) {
        if (n < 16) {
            throw new IllegalArgumentException("expected an image size of at least 16 px, got " + n);
        }
        Canvas c = new Canvas(n);
        SplittableRandom rnd = new SplittableRandom(f.imageSeed());
        paintBackground(f, c, rnd.split());
        paintMacula(f, c);
        paintDisc(f, c);
        paintVessels(f, c, rnd.split());
        paintLesions(f, c);
        applyIlluminationAndCamera(f, c, rnd.split());
        for (float[] plane : c.rgb) {
            ImageFilters.gaussianBlur(plane, n, f.blur() * c.radiusPx);
        }
        addNoise(f, c, rnd.split());
        return c.toImage();
    }

    /** The float RGB planes of one image and its pixel-to-FOV mapping. */
    private static final class Canvas {
        final int n;
        final double radiusPx;
        final float[][] rgb;

        Canvas(int n) {
            this.n = n;
            this.radiusPx = FundusFactors.FOV_FRACTION * n;
            this.rgb = new float[3][n * n];
        }

        double u(int x) {
            return (x + 0.5 - n / 2.0) / radiusPx;
        }

        double v(int y) {
            return (y + 0.5 - n / 2.0) / radiusPx;
        }

        int px(double u) {
            return (int) Math.floor(u * radiusPx + n / 2.0);
        }

        /** Mixes colour {@code target} into pixel i with weight a. */
        void mix(int i, double[] target, double a) {
            for (int ch = 0; ch < 3; ch++) {
                rgb[ch][i] += (float) (a * (target[ch] - rgb[ch][i]));
            }
        }

        /** Multiplies pixel i by {@code factor}, weighted by a. */
        void darken(int i, double[] factor, double a) {
            for (int ch = 0; ch < 3; ch++) {
                rgb[ch][i] *= (float) (1 - a * (1 - factor[ch]));
            }
        }

        BufferedImage toImage() {
            BufferedImage img = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
            int[] row = new int[n];
            double r2 = radiusPx * radiusPx;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int i = y * n + x;
                    double dx = x + 0.5 - n / 2.0;
                    double dy = y + 0.5 - n / 2.0;
                    // Field stop: a sharp circle, anti-aliased over one pixel; the optics blur does not soften it.
                    double edge = ImageFilters.clamp01(radiusPx - Math.sqrt(dx * dx + dy * dy) + 0.5);
                    int rr = toByte(rgb[0][i] * edge);
                    int gg = toByte(rgb[1][i] * edge);
                    int bb = toByte(rgb[2][i] * edge);
                    row[x] = (rr << 16) | (gg << 8) | bb;
                }
                img.setRGB(0, y, n, 1, row, 0, n);
            }
            return img;
        }

        private static int toByte(double v) {
            return (int) Math.round(ImageFilters.clamp01(v) * 255);
        }
    }

    private static void paintBackground(FundusFactors f, Canvas c, SplittableRandom rnd) {
        ValueNoise coarse = new ValueNoise(rnd, 0.45);
        ValueNoise medium = new ValueNoise(rnd, 0.16);
        ValueNoise fine = new ValueNoise(rnd, 0.06);
        ValueNoise hue = new ValueNoise(rnd, 0.3);
        double[] base = new double[3];
        for (int ch = 0; ch < 3; ch++) {
            base[ch] = LIGHT_FUNDUS[ch] + f.pigmentation() * (DARK_FUNDUS[ch] - LIGHT_FUNDUS[ch]);
        }
        for (int y = 0; y < c.n; y++) {
            double v = c.v(y);
            for (int x = 0; x < c.n; x++) {
                double u = c.u(x);
                // Choroidal mottling: a ridged fine field gives the tessellated look of lightly pigmented eyes.
                double ridge = 1 - 2 * Math.abs(fine.at(u, v));
                double bright = 1 + 0.06 * coarse.at(u, v) + 0.035 * medium.at(u, v)
                        - f.texture() * 0.07 * Math.max(0, ridge);
                double redShift = 1 + 0.035 * hue.at(u, v);
                int i = y * c.n + x;
                c.rgb[0][i] = (float) (base[0] * bright * redShift);
                c.rgb[1][i] = (float) (base[1] * bright);
                c.rgb[2][i] = (float) (base[2] * bright / redShift);
            }
        }
    }

    private static void paintMacula(FundusFactors f, Canvas c) {
        double sigma = 0.17;
        double[] weight = {0.7, 1.0, 0.85};
        for (int y = 0; y < c.n; y++) {
            double dv = c.v(y) - f.maculaY();
            for (int x = 0; x < c.n; x++) {
                double du = c.u(x) - f.maculaX();
                double m = f.maculaDarkness() * Math.exp(-(du * du + dv * dv) / (2 * sigma * sigma));
                if (m < 1e-3) {
                    continue;
                }
                int i = y * c.n + x;
                for (int ch = 0; ch < 3; ch++) {
                    c.rgb[ch][i] *= (float) (1 - weight[ch] * m);
                }
            }
        }
    }

    private static void paintDisc(FundusFactors f, Canvas c) {
        double rd = f.discRadius();
        double aspect = 1.08; // discs are slightly taller than wide
        int x0 = Math.max(0, c.px(f.discX() - 1.4 * rd));
        int x1 = Math.min(c.n - 1, c.px(f.discX() + 1.4 * rd));
        int y0 = Math.max(0, c.px(f.discY() - 1.4 * rd * aspect));
        int y1 = Math.min(c.n - 1, c.px(f.discY() + 1.4 * rd * aspect));
        double edgeWidth = Math.max(0.12, 1.2 / (c.radiusPx * rd)); // in disc radii, at least one pixel
        for (int y = y0; y <= y1; y++) {
            double dv = (c.v(y) - f.discY()) / aspect;
            for (int x = x0; x <= x1; x++) {
                double du = c.u(x) - f.discX();
                double e = Math.hypot(du, dv) / rd;
                int i = y * c.n + x;
                double rim = ImageFilters.smooth((1 - e) / edgeWidth + 0.5);
                if (rim > 0) {
                    c.mix(i, DISC_RIM, 0.95 * rim);
                }
                double cup = ImageFilters.smooth((f.cupToDisc() - e) / (1.3 * edgeWidth) + 0.5);
                if (cup > 0) {
                    c.mix(i, DISC_CUP, 0.95 * cup);
                }
            }
        }
    }

    private static void paintVessels(FundusFactors f, Canvas c, SplittableRandom rnd) {
        List<VesselTree.Segment> segments = VesselTree.grow(f, rnd);
        float[] veins = new float[c.n * c.n];
        float[] arteries = new float[c.n * c.n];
        for (VesselTree.Segment s : segments) {
            rasterize(s, s.vein() ? veins : arteries, c);
        }
        double[] factor = new double[3];
        for (int i = 0; i < veins.length; i++) {
            double av = veins[i];
            double aa = arteries[i];
            if (av == 0 && aa == 0) {
                continue;
            }
            // Vessels dive into the cup: they fade inside it, as the central vessels leave the cup's depth.
            double e = Math.hypot(c.u(i % c.n) - f.discX(), (c.v(i / c.n) - f.discY()) / 1.08) / f.discRadius();
            if (e < f.cupToDisc() + 0.15) {
                double fade = 0.2 + 0.8 * ImageFilters.smooth((e - f.cupToDisc() + 0.05) / 0.2);
                av *= fade;
                aa *= fade;
            }
            // Where vessels cross, the darker one wins instead of multiplying: crossings stay vessel-coloured.
            for (int ch = 0; ch < 3; ch++) {
                factor[ch] = Math.min(1 - av * (1 - VEIN[ch]), 1 - aa * (1 - ARTERY[ch]));
            }
            c.darken(i, factor, 1);
        }
    }

    /**
     * Draws one vessel segment as an anti-aliased capsule into a coverage mask (max-combined). Done by hand rather
     * than with Java2D strokes because thousands of tiny strokes per image made Java2D the bottleneck.
     */
    private static void rasterize(VesselTree.Segment s, float[] mask, Canvas c) {
        double x0 = s.x0() * c.radiusPx + c.n / 2.0;
        double y0 = s.y0() * c.radiusPx + c.n / 2.0;
        double x1 = s.x1() * c.radiusPx + c.n / 2.0;
        double y1 = s.y1() * c.radiusPx + c.n / 2.0;
        double half = s.width() * c.radiusPx / 2;
        // Vessels thinner than a pixel are drawn one pixel wide and proportionally fainter (partial volume).
        double strength = Math.min(1, 2 * half);
        half = Math.max(half, 0.5);
        int bx0 = Math.max(0, (int) Math.floor(Math.min(x0, x1) - half - 1));
        int bx1 = Math.min(c.n - 1, (int) Math.ceil(Math.max(x0, x1) + half + 1));
        int by0 = Math.max(0, (int) Math.floor(Math.min(y0, y1) - half - 1));
        int by1 = Math.min(c.n - 1, (int) Math.ceil(Math.max(y0, y1) + half + 1));
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = Math.max(1e-12, dx * dx + dy * dy);
        for (int y = by0; y <= by1; y++) {
            double py = y + 0.5;
            for (int x = bx0; x <= bx1; x++) {
                double px = x + 0.5;
                double t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
                double ex = px - (x0 + t * dx);
                double ey = py - (y0 + t * dy);
                double cover = half - Math.sqrt(ex * ex + ey * ey) + 0.5;
                if (cover <= 0) {
                    continue;
                }
                float a = (float) (Math.min(1, cover) * strength);
                int i = y * c.n + x;
                if (a > mask[i]) {
                    mask[i] = a;
                }
            }
        }
    }

    private static void paintLesions(FundusFactors f, Canvas c) {
        List<Lesion> lesions = f.lesions();
        for (int k = 0; k < lesions.size(); k++) {
            Lesion l = lesions.get(k);
            SplittableRandom shape = new SplittableRandom(f.imageSeed() ^ ((k + 1) * GOLDEN));
            LesionShape s = LesionShape.of(l, shape, c.radiusPx);
            double reach = l.radius() * 1.6;
            int x0 = Math.max(0, c.px(l.x() - reach));
            int x1 = Math.min(c.n - 1, c.px(l.x() + reach));
            int y0 = Math.max(0, c.px(l.y() - reach));
            int y1 = Math.min(c.n - 1, c.px(l.y() + reach));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double a = s.alpha(c.u(x), c.v(y));
                    if (a <= 0) {
                        continue;
                    }
                    int i = y * c.n + x;
                    switch (l.type()) {
                        case MICROANEURYSM, HAEMORRHAGE -> c.darken(i, RED_LESION, s.depth() * a);
                        case HARD_EXUDATE -> c.mix(i, EXUDATE, 0.95 * a);
                        case COTTON_WOOL_SPOT -> c.mix(i, COTTON_WOOL, 0.8 * a);
                        case DRUSE -> c.mix(i, DRUSE, 0.45 * a);
                        default -> throw new IllegalStateException("unknown lesion type " + l.type());
                    }
                }
            }
        }
    }

    private static void applyIlluminationAndCamera(FundusFactors f, Canvas c, SplittableRandom rnd) {
        double angle = rnd.nextDouble(0, 2 * Math.PI);
        double hx = 0.25 * Math.cos(angle);
        double hy = 0.25 * Math.sin(angle);
        double[] gain = {f.castR() * f.exposure(), f.castG() * f.exposure(), f.castB() * f.exposure()};
        for (int y = 0; y < c.n; y++) {
            double v = c.v(y);
            for (int x = 0; x < c.n; x++) {
                double u = c.u(x);
                double rho2 = u * u + v * v;
                double illum = (1 - f.illuminationFalloff() * Math.pow(Math.min(rho2, 1.2), 1.1))
                        * (1 + 0.07 * Math.exp(-((u - hx) * (u - hx) + (v - hy) * (v - hy)) / 0.18));
                int i = y * c.n + x;
                for (int ch = 0; ch < 3; ch++) {
                    c.rgb[ch][i] *= (float) (illum * gain[ch]);
                }
            }
        }
    }

    private static void addNoise(FundusFactors f, Canvas c, SplittableRandom rnd) {
        double sigma = f.noise();
        for (int i = 0; i < c.n * c.n; i++) {
            // Mostly luminance noise with a little chroma, as in a demosaiced sensor image.
            double lum = rnd.nextGaussian() * sigma;
            for (int ch = 0; ch < 3; ch++) {
                c.rgb[ch][i] += (float) (lum + rnd.nextGaussian() * sigma * 0.4);
            }
        }
    }
}
