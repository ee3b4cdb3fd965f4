package org.stylexaudit.synth.probe;

import java.util.Arrays;

/**
 * Finds the optic disc and measures its cup. The disc is the brightest large region; the cup-to-disc ratio comes
 * from a radial profile (median over rays, so vessels crossing the disc do not matter) fitted with a two-step model:
 * background, a brighter rim out to the disc radius and a still brighter cup out to the cup radius, both edges
 * blurred by the same width.
 */
final class DiscProbe {

    /** Disc centre, disc radius and cup radius in FOV units. */
    record Disc(double x, double y, double radius, double cupRadius) {
        double cupToDisc() {
            return radius > 0 ? cupRadius / radius : 0;
        }
    }

    private static final int RAYS = 48;
    private static final double MAX_R = 0.36;
    private static final double DR = 0.005;
    private static final double EDGE_STEP = 0.0025;
    private static final double[] WIDTHS = {0.004, 0.008, 0.012, 0.017, 0.023, 0.03, 0.04};

    private DiscProbe() {
    }

    static Disc measure(Canonical c, int[] src, int w, int h, FovGeometry fov) {
        double[] centre = locate(c);
        double[] profile = profile(src, w, h, fov, centre[0], centre[1]);
        return fit(profile, centre[0], centre[1]);
    }

    /** Returns the FOV coordinates of the brightest smoothed spot, refined to the centroid of the bright region. */
    static double[] locate(Canonical c) {
        int n = Canonical.N;
        float[] lum = new float[n * n];
        for (int i = 0; i < lum.length; i++) {
            lum[i] = c.inside[i] ? c.r[i] + c.g[i] + 2 * c.b[i] : 0;
        }
        float[] smooth = boxBlur(boxBlur(lum, 3), 3);
        int best = -1;
        for (int i = 0; i < smooth.length; i++) {
            double u = Canonical.u(i % n);
            double v = Canonical.u(i / n);
            if (Math.hypot(u, v) < 0.8 && (best < 0 || smooth[i] > smooth[best])) {
                best = i;
            }
        }
        int bx = best % n;
        int by = best / n;
        // Centroid of pixels brighter than halfway between the peak and the surrounding level.
        int reach = (int) Math.round(0.3 * Canonical.RADIUS_PX);
        double peak = smooth[best];
        double[] ring = new double[0];
        java.util.List<Double> around = new java.util.ArrayList<>();
        for (int y = Math.max(0, by - reach); y < Math.min(n, by + reach); y++) {
            for (int x = Math.max(0, bx - reach); x < Math.min(n, bx + reach); x++) {
                double d = Math.hypot(x - bx, y - by);
                if (d > reach * 0.85 && d < reach && c.inside[y * n + x]) {
                    around.add((double) lum[y * n + x]);
                }
            }
        }
        ring = around.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double level = ring.length > 0 ? ring[ring.length / 2] : 0;
        double cut = (peak + level) / 2;
        double sx = 0;
        double sy = 0;
        double sw = 0;
        int inner = (int) Math.round(0.24 * Canonical.RADIUS_PX);
        for (int y = Math.max(0, by - inner); y < Math.min(n, by + inner); y++) {
            for (int x = Math.max(0, bx - inner); x < Math.min(n, bx + inner); x++) {
                double excess = lum[y * n + x] - cut;
                if (excess > 0 && Math.hypot(x - bx, y - by) < inner) {
                    sx += excess * x;
                    sy += excess * y;
                    sw += excess;
                }
            }
        }
        double cx = sw > 0 ? sx / sw : bx;
        double cy = sw > 0 ? sy / sw : by;
        return new double[] {Canonical.u(0) + cx * (2 * Canonical.EXTENT / n),
            Canonical.u(0) + cy * (2 * Canonical.EXTENT / n)};
    }

    /** Samples (green + blue) along rays from the centre in the source image; returns the median per radius. */
    static double[] profile(int[] src, int w, int h, FovGeometry fov, double u0, double v0) {
        int steps = (int) Math.round(MAX_R / DR) + 1;
        double[] profile = new double[steps];
        double[] rays = new double[RAYS];
        for (int s = 0; s < steps; s++) {
            double r = s * DR;
            for (int k = 0; k < RAYS; k++) {
                double a = 2 * Math.PI * k / RAYS;
                double[] rgb = Canonical.bilinear(src, w, h, fov.x(u0 + r * Math.cos(a)),
                        fov.y(v0 + r * Math.sin(a)));
                rays[k] = rgb[1] + rgb[2];
            }
            Arrays.sort(rays);
            profile[s] = (rays[RAYS / 2 - 1] + rays[RAYS / 2]) / 2;
        }
        return profile;
    }

    /** Least-squares fit of the two-step model over a grid of disc radius, cup radius and edge width. */
    static Disc fit(double[] p, double u0, double v0) {
        int m = p.length;
        int edges = (int) Math.round(0.3 / EDGE_STEP);
        double py = 0;
        double pp = 0;
        for (double v : p) {
            py += v;
            pp += v * v;
        }
        double bestErr = Double.MAX_VALUE;
        double bestRd = 0;
        double bestRc = 0;
        double[][] s = new double[edges][m];
        double[] sum = new double[edges];
        double[] sq = new double[edges];
        double[] ps = new double[edges];
        for (double wd : WIDTHS) {
            // Sums that involve one edge are computed once per width; only the cross term is per pair.
            for (int e = 0; e < edges; e++) {
                double edge = (e + 1) * EDGE_STEP;
                sum[e] = 0;
                sq[e] = 0;
                ps[e] = 0;
                for (int i = 0; i < m; i++) {
                    double v = step((edge - i * DR) / wd);
                    s[e][i] = v;
                    sum[e] += v;
                    sq[e] += v * v;
                    ps[e] += v * p[i];
                }
            }
            for (int d = (int) (0.07 / EDGE_STEP); d < edges; d++) {
                double[] sd = s[d];
                for (int c = 0; c < d - 1; c++) {
                    double[] sc = s[c];
                    double cross = 0;
                    for (int i = 0; i < m; i++) {
                        cross += sd[i] * sc[i];
                    }
                    double err = residual(m, py, pp, sum[d], sq[d], ps[d], sum[c], sq[c], ps[c], cross);
                    if (err < bestErr) {
                        bestErr = err;
                        bestRd = (d + 1) * EDGE_STEP;
                        bestRc = (c + 1) * EDGE_STEP;
                    }
                }
            }
        }
        return new Disc(u0, v0, bestRd, bestRc);
    }

    /**
     * Returns the squared error of the best fit p ~ a + b*s1 + c*s2 with b, c > 0 (rim brighter than background,
     * cup brighter than rim), from the sums of the normal equations; a model that needs a darker cup is rejected.
     */
    private static double residual(int m, double py, double pp, double a1, double a11, double p1, double a2,
            double a22, double p2, double a12) {
        double n = m;
        // Cramer's rule on [[n, a1, a2], [a1, a11, a12], [a2, a12, a22]] x = [py, p1, p2].
        double c00 = a11 * a22 - a12 * a12;
        double c01 = a1 * a22 - a12 * a2;
        double c02 = a1 * a12 - a11 * a2;
        double det = n * c00 - a1 * c01 + a2 * c02;
        if (Math.abs(det) < 1e-12) {
            return Double.MAX_VALUE;
        }
        double x0 = (py * c00 - a1 * (p1 * a22 - a12 * p2) + a2 * (p1 * a12 - a11 * p2)) / det;
        double x1 = (n * (p1 * a22 - a12 * p2) - py * c01 + a2 * (a1 * p2 - p1 * a2)) / det;
        double x2 = (n * (a11 * p2 - p1 * a12) - a1 * (a1 * p2 - p1 * a2) + py * c02) / det;
        if (x1 <= 0 || x2 <= 0) {
            return Double.MAX_VALUE;
        }
        // SSE = p.p - 2 x.rhs + x.M.x, and at the optimum M x = rhs, so SSE = p.p - x.rhs.
        return pp - (x0 * py + x1 * p1 + x2 * p2);
    }

    /** A blurred step: 1 well inside, 0 well outside (logistic approximation of the Gaussian CDF). */
    private static double step(double t) {
        return 1 / (1 + Math.exp(-1.702 * t));
    }

    static float[] boxBlur(float[] in, int radius) {
        int n = Canonical.N;
        float[] tmp = new float[in.length];
        float[] out = new float[in.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float s = 0;
                int cnt = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = x + k;
                    if (xx >= 0 && xx < n) {
                        s += in[y * n + xx];
                        cnt++;
                    }
                }
                tmp[y * n + x] = s / cnt;
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float s = 0;
                int cnt = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = y + k;
                    if (yy >= 0 && yy < n) {
                        s += tmp[yy * n + x];
                        cnt++;
                    }
                }
                out[y * n + x] = s / cnt;
            }
        }
        return out;
    }
}
