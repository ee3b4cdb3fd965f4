package org.stylexaudit.synth.probe;

import java.awt.image.BufferedImage;

/**
 * The image resampled onto a fixed grid in FOV units (the FOV radius spans {@link #RADIUS_PX} pixels), so that every
 * threshold and size below is the same whatever the size of the input. Downscaling averages boxes of source pixels,
 * upscaling interpolates bilinearly.
 */
final class Canonical {

    /** Grid side in pixels. */
    static final int N = 128;
    /** FOV units covered by half the grid: a little past the rim. */
    static final double EXTENT = 1.05;
    /** FOV radius in grid pixels. */
    static final double RADIUS_PX = N / (2 * EXTENT);

    final float[] r = new float[N * N];
    final float[] g = new float[N * N];
    final float[] b = new float[N * N];
    /** Pixels well inside the field of view (the rim is excluded: it is dark and uneven). */
    final boolean[] inside = new boolean[N * N];

    private Canonical() {
    }

    static Canonical of(BufferedImage img, FovGeometry fov) {
        Canonical c = new Canonical();
        int w = img.getWidth();
        int h = img.getHeight();
        int[] px = img.getRGB(0, 0, w, h, null, 0, w);
        double step = fov.radius() / RADIUS_PX; // source pixels per grid pixel
        int ss = Math.max(1, (int) Math.ceil(step));
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double u = u(x);
                double v = u(y);
                double sr = 0;
                double sg = 0;
                double sb = 0;
                for (int j = 0; j < ss; j++) {
                    for (int i = 0; i < ss; i++) {
                        double sx = fov.x(u) + ((i + 0.5) / ss - 0.5) * step;
                        double sy = fov.y(v) + ((j + 0.5) / ss - 0.5) * step;
                        double[] rgb = bilinear(px, w, h, sx, sy);
                        sr += rgb[0];
                        sg += rgb[1];
                        sb += rgb[2];
                    }
                }
                int k = y * N + x;
                double norm = 255.0 * ss * ss;
                c.r[k] = (float) (sr / norm);
                c.g[k] = (float) (sg / norm);
                c.b[k] = (float) (sb / norm);
                c.inside[k] = Math.hypot(u, v) < 0.93;
            }
        }
        return c;
    }

    /** Returns the FOV coordinate of grid column (or row) x. */
    static double u(int x) {
        return ((x + 0.5) / N * 2 - 1) * EXTENT;
    }

    /** Returns the grid column (or row) of FOV coordinate u, rounded down. */
    static int index(double u) {
        return (int) Math.floor((u / EXTENT + 1) / 2 * N);
    }

    /** Returns an area in grid pixels as FOV units squared. */
    static double area(int pixels) {
        return pixels / (RADIUS_PX * RADIUS_PX);
    }

    static double[] bilinear(int[] px, int w, int h, double sx, double sy) {
        double fx = sx - 0.5;
        double fy = sy - 0.5;
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        double ax = fx - x0;
        double ay = fy - y0;
        double[] out = new double[3];
        for (int j = 0; j <= 1; j++) {
            for (int i = 0; i <= 1; i++) {
                int xx = Math.min(w - 1, Math.max(0, x0 + i));
                int yy = Math.min(h - 1, Math.max(0, y0 + j));
                double wt = (i == 0 ? 1 - ax : ax) * (j == 0 ? 1 - ay : ay);
                int p = px[yy * w + xx];
                out[0] += wt * ((p >> 16) & 0xff);
                out[1] += wt * ((p >> 8) & 0xff);
                out[2] += wt * (p & 0xff);
            }
        }
        return out;
    }
}
