package org.stylexaudit.synth.probe;

/**
 * Estimates optical blur from the width of the steepest edges (vessel and lesion borders). A global measure such as
 * gradient energy was tried first and mixed blur up with how much texture, noise and lesion an image has; the
 * width of individual edges does not depend on how many there are. Measured at the image's own resolution and
 * inside the FOV only: the field stop is sharp whatever the focus, so it must not vote.
 */
final class BlurProbe {

    /** Pre-smoothing that tames sensor noise, FOV units. */
    private static final double PRE = 0.007;

    /** Only the steepest 2% of FOV pixels are edge candidates: vessel and lesion borders, not texture or noise. */
    private static final double EDGE_QUANTILE = 0.98;

    private BlurProbe() {
    }

    /**
     * Returns the estimated Gaussian blur sigma in FOV units. Edge widths: at the strongest edges (gradient maxima across the edge), a blurred step of height H and
     * peak slope G has sigma = H / (G sqrt(2 pi)). H is twice the rise from the edge midpoint to the bright side,
     * which stays clear of the vessel's other edge. The median over edges is robust to lesion and texture edges.
     */
    static double measure(int[] src, int w, int h, FovGeometry fov, DiscProbe.Disc disc) {
        float[] g = new float[w * h];
        for (int i = 0; i < g.length; i++) {
            g[i] = ((src[i] >> 8) & 0xff) / 255f;
        }
        double pre = Math.max(0.5, PRE * fov.radius());
        float[] im = Gaussian.blur(g, w, h, pre);
        double lim = 0.85 * fov.radius();
        double reach = Math.max(2, 0.045 * fov.radius());
        java.util.List<double[]> cands = new java.util.ArrayList<>();
        for (int y = 2; y < h - 2; y++) {
            for (int x = 2; x < w - 2; x++) {
                if (Math.hypot(x + 0.5 - fov.cx(), y + 0.5 - fov.cy()) > lim) {
                    continue;
                }
                double gx = (im[y * w + x + 1] - im[y * w + x - 1]) / 2.0;
                double gy = (im[(y + 1) * w + x] - im[(y - 1) * w + x]) / 2.0;
                cands.add(new double[] {x, y, Math.hypot(gx, gy), gx, gy});
            }
        }
        double[] mags = cands.stream().mapToDouble(c -> c[2]).sorted().toArray();
        if (mags.length == 0) {
            return 0;
        }
        double cut = mags[(int) (mags.length * EDGE_QUANTILE)];
        java.util.List<Double> widths = new java.util.ArrayList<>();
        for (double[] c : cands) {
            if (c[2] < cut || c[2] <= 0) {
                continue;
            }
            double nx = c[3] / c[2];
            double ny = c[4] / c[2];
            double x = c[0] + 0.5;
            double y = c[1] + 0.5;
            double mid = sample(im, w, h, x, y);
            // keep only maxima of the slope across the edge
            double ahead = slope(im, w, h, x + nx, y + ny, nx, ny);
            double behind = slope(im, w, h, x - nx, y - ny, nx, ny);
            double here = slope(im, w, h, x, y, nx, ny);
            if (here < ahead || here < behind) {
                continue;
            }
            // The bright plateau, averaged over a few points rather than maximised: a maximum would pick noise peaks
            // and make dark, noisy images look blurred.
            double bright = 0;
            for (double f = 0.6; f <= 1.001; f += 0.1) {
                bright += sample(im, w, h, x + f * reach * nx, y + f * reach * ny) / 5;
            }
            double width = 2 * (bright - mid) / (here * Math.sqrt(2 * Math.PI));
            widths.add(width);
        }
        if (widths.isEmpty()) {
            return 0;
        }
        double[] ws = widths.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        // Mean of the middle half: steadier than the median when there are few edges, deaf to outliers.
        double med = 0;
        int lo = ws.length / 4;
        int hi = Math.max(lo + 1, ws.length * 3 / 4);
        for (int k = lo; k < hi; k++) {
            med += ws[k];
        }
        med /= hi - lo;
        return Math.sqrt(Math.max(0, med * med - pre * pre)) / fov.radius();
    }

    private static double slope(float[] im, int w, int h, double x, double y, double nx, double ny) {
        return (sample(im, w, h, x + 0.5 * nx, y + 0.5 * ny) - sample(im, w, h, x - 0.5 * nx, y - 0.5 * ny));
    }

    private static double sample(float[] im, int w, int h, double x, double y) {
        double fx = x - 0.5;
        double fy = y - 0.5;
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        double ax = fx - x0;
        double ay = fy - y0;
        double v = 0;
        for (int j = 0; j <= 1; j++) {
            for (int i = 0; i <= 1; i++) {
                int xx = Math.min(w - 1, Math.max(0, x0 + i));
                int yy = Math.min(h - 1, Math.max(0, y0 + j));
                v += (i == 0 ? 1 - ax : ax) * (j == 0 ? 1 - ay : ay) * im[yy * w + xx];
            }
        }
        return v;
    }

}
