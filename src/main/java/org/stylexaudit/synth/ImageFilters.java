package org.stylexaudit.synth;

/** Float-plane image operations shared by the renderer (kept here so rendering needs no native code). */
final class ImageFilters {

    private ImageFilters() {
    }

    /** Blurs a square plane in place with a separable Gaussian; edges are clamped so the border does not darken. */
    static void gaussianBlur(float[] plane, int n, double sigma) {
        if (sigma < 0.2) {
            return;
        }
        float[] kernel = gaussianKernel(sigma);
        int radius = kernel.length / 2;
        float[] line = new float[n + 2 * radius];
        float[] tmp = new float[plane.length];
        for (int y = 0; y < n; y++) {
            convolveLine(plane, y * n, 1, n, kernel, line, tmp);
        }
        for (int x = 0; x < n; x++) {
            convolveLine(tmp, x, n, n, kernel, line, plane);
        }
    }

    /** Convolves one row or column (start, stride) into {@code dst}, through a clamp-padded copy of the line. */
    private static void convolveLine(float[] src, int start, int stride, int n, float[] kernel, float[] line,
            float[] dst) {
        int radius = kernel.length / 2;
        for (int k = 0; k < radius; k++) {
            line[k] = src[start];
            line[radius + n + k] = src[start + (n - 1) * stride];
        }
        for (int i = 0; i < n; i++) {
            line[radius + i] = src[start + i * stride];
        }
        for (int i = 0; i < n; i++) {
            float acc = 0;
            for (int k = 0; k < kernel.length; k++) {
                acc += kernel[k] * line[i + k];
            }
            dst[start + i * stride] = acc;
        }
    }

    /** Returns a normalised Gaussian kernel reaching three standard deviations. */
    static float[] gaussianKernel(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-(i * i) / (2 * sigma * sigma));
            k[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    /** Returns the Hermite smoothstep of t clamped to 0..1. */
    static double smooth(double t) {
        if (t <= 0) {
            return 0;
        }
        if (t >= 1) {
            return 1;
        }
        return t * t * (3 - 2 * t);
    }

    /** Clamps to 0..1. */
    static double clamp01(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
