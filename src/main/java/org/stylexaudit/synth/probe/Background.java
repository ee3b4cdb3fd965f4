package org.stylexaudit.synth.probe;

import java.util.Arrays;

/**
 * A smooth estimate of the lesion-free fundus colour: medians of blocks of the canonical grid, interpolated.
 * Medians ignore lesions and vessels that cover less than half a block, and dividing by this background cancels
 * illumination fall-off, pigmentation and the camera's colour gains.
 */
final class Background {

    private static final int BLOCK = 16;

    private Background() {
    }

    /** Returns the background of one plane; pixels where {@code use} is false do not vote. */
    static float[] of(float[] plane, boolean[] use) {
        int n = Canonical.N;
        int cells = n / BLOCK;
        double[] med = new double[cells * cells];
        boolean[] known = new boolean[cells * cells];
        float[] buf = new float[BLOCK * BLOCK];
        for (int cy = 0; cy < cells; cy++) {
            for (int cx = 0; cx < cells; cx++) {
                int m = 0;
                for (int y = cy * BLOCK; y < (cy + 1) * BLOCK; y++) {
                    for (int x = cx * BLOCK; x < (cx + 1) * BLOCK; x++) {
                        if (use[y * n + x]) {
                            buf[m++] = plane[y * n + x];
                        }
                    }
                }
                if (m >= BLOCK * BLOCK / 4) {
                    Arrays.sort(buf, 0, m);
                    med[cy * cells + cx] = buf[m / 2];
                    known[cy * cells + cx] = true;
                }
            }
        }
        fillUnknown(med, known, cells);
        float[] out = new float[n * n];
        for (int y = 0; y < n; y++) {
            double gy = Math.max(0, Math.min(cells - 1.0, (y + 0.5) / BLOCK - 0.5));
            int y0 = Math.min(cells - 2, (int) gy);
            double ay = gy - y0;
            for (int x = 0; x < n; x++) {
                double gx = Math.max(0, Math.min(cells - 1.0, (x + 0.5) / BLOCK - 0.5));
                int x0 = Math.min(cells - 2, (int) gx);
                double ax = gx - x0;
                double v = (med[y0 * cells + x0] * (1 - ax) + med[y0 * cells + x0 + 1] * ax) * (1 - ay)
                        + (med[(y0 + 1) * cells + x0] * (1 - ax) + med[(y0 + 1) * cells + x0 + 1] * ax) * ay;
                out[y * n + x] = (float) Math.max(v, 1e-3);
            }
        }
        return out;
    }

    /** Fills blocks without enough votes (the rim, the disc) from their known neighbours, repeatedly. */
    private static void fillUnknown(double[] med, boolean[] known, int cells) {
        boolean any = false;
        for (boolean k : known) {
            any |= k;
        }
        if (!any) {
            Arrays.fill(med, 0.5);
            return;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            boolean[] next = known.clone();
            for (int cy = 0; cy < cells; cy++) {
                for (int cx = 0; cx < cells; cx++) {
                    int k = cy * cells + cx;
                    if (known[k]) {
                        continue;
                    }
                    double sum = 0;
                    int cnt = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = cy + dy;
                            int xx = cx + dx;
                            if (yy >= 0 && yy < cells && xx >= 0 && xx < cells && known[yy * cells + xx]) {
                                sum += med[yy * cells + xx];
                                cnt++;
                            }
                        }
                    }
                    if (cnt > 0) {
                        med[k] = sum / cnt;
                        next[k] = true;
                        changed = true;
                    }
                }
            }
            System.arraycopy(next, 0, known, 0, known.length);
        }
    }
}
