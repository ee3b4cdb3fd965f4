package org.stylexaudit.synth.probe;

/** Separable Gaussian blur of a float plane with clamped edges. */
final class Gaussian {

    private Gaussian() {
    }

    static float[] blur(float[] in, int w, int h, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        float[] tmp = new float[in.length];
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int j = -radius; j <= radius; j++) {
                    int xx = Math.min(w - 1, Math.max(0, x + j));
                    acc += k[j + radius] * in[y * w + xx];
                }
                tmp[y * w + x] = acc;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int j = -radius; j <= radius; j++) {
                    int yy = Math.min(h - 1, Math.max(0, y + j));
                    acc += k[j + radius] * tmp[yy * w + x];
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }
}
