package org.stylexaudit.ingest;

/**
 * Cuts a square window out of an image and resamples it to {@code n x n} pixels.
 *
 * <p>Downscaling averages every source pixel by the area it covers in the output pixel (a box filter with exact
 * fractional weights), which neither aliases vessel edges the way nearest or bilinear sampling does at large
 * ratios nor rings like bicubic. Upscaling, rare for fundus images, interpolates bilinearly. Parts of the window
 * outside the image are black, the background of a fundus photograph.
 */
final class SquareResampler {

    private SquareResampler() {
    }

    /**
     * Resamples the window with top-left corner ({@code x0}, {@code y0}) and side {@code side}, in source pixel
     * units where pixel {@code i} covers {@code [i, i + 1)}, to an {@code n x n} image.
     */
    static RgbPixels resample(RgbPixels src, double x0, double y0, double side, int n) {
        Taps xs = taps(x0, side, n, src.width());
        Taps ys = taps(y0, side, n, src.height());
        int rowLo = Math.max(0, ys.min);
        int rowHi = Math.min(src.height() - 1, ys.max);
        int used = Math.max(0, rowHi - rowLo + 1);
        float[][] rows = new float[used][];
        for (int y = rowLo; y <= rowHi; y++) {
            rows[y - rowLo] = horizontal(src, y, xs, n);
        }
        int[] out = new int[n * n];
        float[] acc = new float[3 * n];
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(acc, 0f);
            int[] idx = ys.index[j];
            float[] wt = ys.weight[j];
            for (int t = 0; t < idx.length; t++) {
                int y = idx[t];
                if (y < 0 || y >= src.height()) {
                    continue;
                }
                float[] row = rows[y - rowLo];
                float w = wt[t];
                for (int k = 0; k < acc.length; k++) {
                    acc[k] += w * row[k];
                }
            }
            for (int i = 0; i < n; i++) {
                out[j * n + i] = (clamp(acc[3 * i]) << 16) | (clamp(acc[3 * i + 1]) << 8) | clamp(acc[3 * i + 2]);
            }
        }
        return new RgbPixels(n, n, out);
    }

    private static float[] horizontal(RgbPixels src, int y, Taps xs, int n) {
        float[] row = new float[3 * n];
        int base = y * src.width();
        int[] rgb = src.rgb();
        for (int i = 0; i < n; i++) {
            int[] idx = xs.index[i];
            float[] wt = xs.weight[i];
            float r = 0;
            float g = 0;
            float b = 0;
            for (int t = 0; t < idx.length; t++) {
                int x = idx[t];
                if (x < 0 || x >= src.width()) {
                    continue;
                }
                int p = rgb[base + x];
                r += wt[t] * ((p >> 16) & 0xFF);
                g += wt[t] * ((p >> 8) & 0xFF);
                b += wt[t] * (p & 0xFF);
            }
            row[3 * i] = r;
            row[3 * i + 1] = g;
            row[3 * i + 2] = b;
        }
        return row;
    }

    /** Per output pixel, the source indices and weights (summing to 1, out-of-image indices included). */
    private record Taps(int[][] index, float[][] weight, int min, int max) {
    }

    private static Taps taps(double start, double side, int n, int limit) {
        double scale = side / n;
        int[][] index = new int[n][];
        float[][] weight = new float[n][];
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (scale >= 1) {
                double lo = start + i * scale;
                double hi = lo + scale;
                int k0 = (int) Math.floor(lo);
                int k1 = (int) Math.ceil(hi) - 1;
                index[i] = new int[k1 - k0 + 1];
                weight[i] = new float[k1 - k0 + 1];
                for (int k = k0; k <= k1; k++) {
                    double overlap = Math.min(hi, k + 1) - Math.max(lo, k);
                    index[i][k - k0] = k;
                    weight[i][k - k0] = (float) (overlap / scale);
                }
            } else {
                // Bilinear: pixel centres sit at k + 0.5.
                double u = start + (i + 0.5) * scale - 0.5;
                int k0 = (int) Math.floor(u);
                float frac = (float) (u - k0);
                index[i] = new int[] {clampIndex(k0, limit), clampIndex(k0 + 1, limit)};
                weight[i] = new float[] {1 - frac, frac};
            }
            min = Math.min(min, index[i][0]);
            max = Math.max(max, index[i][index[i].length - 1]);
        }
        return new Taps(index, weight, min, max);
    }

    /** Replicates the edge when interpolating just outside it, so upscaled borders do not darken. */
    private static int clampIndex(int k, int limit) {
        return k == -1 ? 0 : (k == limit ? limit - 1 : k);
    }

    private static int clamp(float v) {
        int i = Math.round(v);
        return i < 0 ? 0 : Math.min(255, i);
    }
}
