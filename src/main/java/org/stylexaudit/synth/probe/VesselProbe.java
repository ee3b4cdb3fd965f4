package org.stylexaudit.synth.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * Estimates the calibre of the main vessels where they leave the disc. On rings around the disc (1.5 to 2.7 disc
 * radii) every vessel crossing is a run of darkness; its integral across the run is width times contrast, which
 * neither blur nor resolution changes. The widest few crossings per ring are the main arcades; their mean
 * integral, divided by a typical vessel contrast, is the calibre in FOV units.
 */
final class VesselProbe {

    /** Typical relative darkening of a fully covered vessel pixel in green (veins ~0.38, arteries ~0.22). */
    static final double TYPICAL_CONTRAST = 0.3;
    private static final double[] RINGS = {1.5, 1.8, 2.1, 2.4, 2.7};
    private static final double RUN_THRESHOLD = 0.05;
    private static final int MAIN_VESSELS = 4;
    /** Longest run that counts as a crossing, FOV units: longer ones follow the ring (tighter limits lost accuracy). */
    private static final double MAX_RUN = 0.3;

    private VesselProbe() {
    }

    /**
     * Returns the main-vessel calibre in FOV units (0 when no vessel is found). {@code darkness} is the relative
     * darkening of green against the background on the canonical grid (0 where not analysed or on red lesions).
     */
    static double calibre(float[] darkness, DiscProbe.Disc disc) {
        double total = 0;
        int rings = 0;
        for (double k : RINGS) {
            double radius = k * Math.max(disc.radius(), 0.1);
            List<Double> runs = runs(darkness, disc.x(), disc.y(), radius);
            if (runs.size() < 2) {
                continue;
            }
            runs.sort((a, b) -> Double.compare(b, a));
            int m = Math.min(MAIN_VESSELS, runs.size());
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += runs.get(i);
            }
            total += sum / m;
            rings++;
        }
        return rings == 0 ? 0 : total / rings / TYPICAL_CONTRAST;
    }

    /**
     * Returns the darkness integrals (FOV units) of the dark runs along one ring. Runs longer than
     * {@link #MAX_RUN} are a vessel running along the ring, not across it, and are skipped.
     */
    private static List<Double> runs(float[] darkness, double cx, double cy, double radius) {
        double ds = 0.25 / Canonical.RADIUS_PX;
        int steps = (int) Math.ceil(2 * Math.PI * radius / ds);
        double[] d = new double[steps];
        int start = 0;
        for (int s = 0; s < steps; s++) {
            double a = 2 * Math.PI * s / steps;
            d[s] = sample(darkness, cx + radius * Math.cos(a), cy + radius * Math.sin(a));
            if (d[s] <= RUN_THRESHOLD && d[start] > RUN_THRESHOLD) {
                start = s; // begin the walk outside a run, so no run is split at the seam
            }
        }
        List<Double> runs = new ArrayList<>();
        double integral = 0;
        double length = 0;
        for (int k = 1; k <= steps; k++) {
            double v = d[(start + k) % steps];
            if (v > RUN_THRESHOLD) {
                integral += v * ds;
                length += ds;
            } else if (length > 0) {
                if (length <= MAX_RUN) {
                    runs.add(integral);
                }
                integral = 0;
                length = 0;
            }
        }
        return runs;
    }

    private static double sample(float[] plane, double u, double v) {
        int n = Canonical.N;
        double gx = (u / Canonical.EXTENT + 1) / 2 * n - 0.5;
        double gy = (v / Canonical.EXTENT + 1) / 2 * n - 0.5;
        int x0 = (int) Math.floor(gx);
        int y0 = (int) Math.floor(gy);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= n || y0 + 1 >= n) {
            return 0;
        }
        double ax = gx - x0;
        double ay = gy - y0;
        return (plane[y0 * n + x0] * (1 - ax) + plane[y0 * n + x0 + 1] * ax) * (1 - ay)
                + (plane[(y0 + 1) * n + x0] * (1 - ax) + plane[(y0 + 1) * n + x0 + 1] * ax) * ay;
    }
}
