package org.stylexaudit.synth;

import java.util.SplittableRandom;

/**
 * Smooth random field on the FOV square [-1.1, 1.1]^2 (value noise with smoothstep interpolation). Defined in FOV
 * units, so the same seed gives the same texture at every image resolution.
 */
final class ValueNoise {

    private static final double EXTENT = 1.1;

    private final int cells;
    private final float[] grid;

    /** Creates a field whose features are about {@code featureSize} FOV units across. */
    ValueNoise(SplittableRandom rnd, double featureSize) {
        this.cells = Math.max(2, (int) Math.ceil(2 * EXTENT / featureSize));
        this.grid = new float[(cells + 1) * (cells + 1)];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
    }

    /** Returns the field value in -1..1 at FOV coordinates (u, v). */
    double at(double u, double v) {
        double gx = (u + EXTENT) / (2 * EXTENT) * cells;
        double gy = (v + EXTENT) / (2 * EXTENT) * cells;
        int ix = Math.min(cells - 1, Math.max(0, (int) Math.floor(gx)));
        int iy = Math.min(cells - 1, Math.max(0, (int) Math.floor(gy)));
        double fx = ImageFilters.smooth(gx - ix);
        double fy = ImageFilters.smooth(gy - iy);
        int w = cells + 1;
        double a = grid[iy * w + ix];
        double b = grid[iy * w + ix + 1];
        double c = grid[(iy + 1) * w + ix];
        double d = grid[(iy + 1) * w + ix + 1];
        return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
    }
}
