package org.stylexaudit.synth.probe;

/**
 * Estimates vessel calibre from the vessel mask: for long thin structures area / (perimeter / 2) is the mean width.
 * Red-lesion pixels and their rims are removed first so blots do not count as thick vessels.
 */
final class VesselProbe {

    private VesselProbe() {
    }

    /** Returns the mean vessel width in FOV units (0 when no vessel is found). */
    static double calibre(boolean[] vessel, boolean[] red) {
        int n = Canonical.N;
        boolean[] v = vessel.clone();
        for (int i = 0; i < red.length; i++) {
            if (!red[i]) {
                continue;
            }
            int x = i % n;
            int y = i / n;
            for (int dy = -3; dy <= 3; dy++) {
                for (int dx = -3; dx <= 3; dx++) {
                    int xx = x + dx;
                    int yy = y + dy;
                    if (xx >= 0 && yy >= 0 && xx < n && yy < n) {
                        v[yy * n + xx] = false;
                    }
                }
            }
        }
        int area = 0;
        int edge = 0;
        for (int y = 1; y < n - 1; y++) {
            for (int x = 1; x < n - 1; x++) {
                int i = y * n + x;
                if (!v[i]) {
                    continue;
                }
                area++;
                edge += (v[i - 1] ? 0 : 1) + (v[i + 1] ? 0 : 1) + (v[i - n] ? 0 : 1) + (v[i + n] ? 0 : 1);
            }
        }
        if (edge == 0) {
            return 0;
        }
        return 2.0 * area / edge / Canonical.RADIUS_PX;
    }
}
