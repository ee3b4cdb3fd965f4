package org.stylexaudit.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Grows the retinal vessel tree from the optic disc as short straight segments in FOV units: four arcades of
 * arteries and veins (the temporal ones bending round the macula), branching with narrowing calibre, and a
 * random-walk wiggle whose strength is the tortuosity factor.
 */
final class VesselTree {

    /** One drawable piece of vessel. */
    record Segment(double x0, double y0, double x1, double y1, double width, boolean vein) {
    }

    /** Width of the main vein trunk at calibre 1, in FOV units; the main artery is 75% of it. */
    static final double VEIN_WIDTH = 0.040;
    private static final double ARTERY_RATIO = 0.75;
    private static final double STEP = 0.02;
    private static final double MIN_WIDTH = 0.006;
    private static final int MAX_DEPTH = 3;

    private final FundusFactors f;
    private final SplittableRandom rnd;
    private final List<Segment> segments = new ArrayList<>();

    private VesselTree(FundusFactors f, SplittableRandom rnd) {
        this.f = f;
        this.rnd = rnd;
    }

    /** Returns the segments of the vessel tree of an image. */
    static List<Segment> grow(FundusFactors f, SplittableRandom rnd) {
        VesselTree t = new VesselTree(f, rnd);
        t.growTrunks();
        return t.segments;
    }

    private void growTrunks() {
        double vein = VEIN_WIDTH * f.vesselCalibre();
        double artery = vein * ARTERY_RATIO;
        // Angles in degrees for a right eye (macula to the left of the disc, y down); mirrored for the left eye.
        double[][] trunks = {
            // angle, curvature (rad per FOV unit), length, width factor
            {-100, -1.9, 1.55, 1.0}, {100, 1.9, 1.55, 1.0},
            {-55, 0.4, 0.85, 0.7}, {55, -0.4, 0.85, 0.7},
            {-8, 0.0, 0.6, 0.45},
        };
        for (double[] t : trunks) {
            double jitter = rnd.nextDouble(-8, 8);
            grow(f.discX(), f.discY(), t[0] + jitter, t[1], t[2], vein * t[3], true, 0);
            grow(f.discX(), f.discY(), t[0] + jitter + Math.signum(t[0] == 0 ? 1 : t[0]) * rnd.nextDouble(-16, -8),
                    t[1] * 1.05, t[2] * 0.97, artery * t[3], false, 0);
        }
    }

    private void grow(double x, double y, double angleDeg, double curvature, double length, double width,
            boolean vein, int depth) {
        int side = f.laterality().discSide();
        double angle = Math.toRadians(side > 0 ? angleDeg : 180 - angleDeg);
        double k = side > 0 ? curvature : -curvature;
        double omega = 0;
        double wiggle = 0.6 + 5.5 * f.vesselTortuosity();
        double s = 0;
        double nextBranch = rnd.nextDouble(0.12, 0.3);
        double w = width;
        while (s < length && w > MIN_WIDTH) {
            omega = 0.85 * omega + rnd.nextGaussian() * wiggle;
            angle += (k * Math.exp(-s / 0.9) + omega) * STEP;
            double nx = x + Math.cos(angle) * STEP;
            double ny = y + Math.sin(angle) * STEP;
            segments.add(new Segment(x, y, nx, ny, w, vein));
            x = nx;
            y = ny;
            s += STEP;
            w *= 0.996;
            if (Math.hypot(x, y) > 1.03) {
                return;
            }
            if (depth > 0 && Math.hypot(x - f.maculaX(), y - f.maculaY()) < 0.1) {
                return; // the foveal avascular zone
            }
            if (s >= nextBranch && depth < MAX_DEPTH) {
                double turn = rnd.nextDouble(0.35, 0.85) * (rnd.nextBoolean() ? 1 : -1);
                double childDeg = Math.toDegrees(side > 0 ? angle + turn : Math.PI - (angle + turn));
                grow(x, y, childDeg, 0, rnd.nextDouble(0.25, 0.6) / (depth + 1), w * 0.62, vein,
                        depth + 1);
                w *= 0.9;
                nextBranch = s + rnd.nextDouble(0.12, 0.3);
            }
        }
    }
}
