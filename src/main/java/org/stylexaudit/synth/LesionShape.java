package org.stylexaudit.synth;

import java.util.SplittableRandom;

/**
 * The outline of one lesion as a soft alpha mask: red dots are round and sharp, haemorrhages and exudates are
 * unions of a few overlapping discs, cotton-wool spots are feathered ellipses, drusen are soft dots.
 */
final class LesionShape {

    private final Lesion lesion;
    private final double[] cx;
    private final double[] cy;
    private final double[] r;
    private final double edge;
    private final double depth;
    private final double ellipseAngle;
    private final double ellipseRatio;

    private LesionShape(Lesion lesion, double[] cx, double[] cy, double[] r, double edge, double depth,
            double ellipseAngle, double ellipseRatio) {
        this.lesion = lesion;
        this.cx = cx;
        this.cy = cy;
        this.r = r;
        this.edge = edge;
        this.depth = depth;
        this.ellipseAngle = ellipseAngle;
        this.ellipseRatio = ellipseRatio;
    }

    /** Builds the shape of a lesion; {@code radiusPx} (FOV radius in pixels) keeps edges at least a pixel wide. */
    static LesionShape of(Lesion l, SplittableRandom rnd, double radiusPx) {
        double pixel = 1.0 / radiusPx;
        int parts = switch (l.type()) {
            case HAEMORRHAGE -> 2 + rnd.nextInt(3);
            case HARD_EXUDATE -> 1 + rnd.nextInt(3);
            default -> 1;
        };
        double[] cx = new double[parts];
        double[] cy = new double[parts];
        double[] rr = new double[parts];
        cx[0] = l.x();
        cy[0] = l.y();
        rr[0] = parts == 1 ? l.radius() : l.radius() * 0.8;
        for (int p = 1; p < parts; p++) {
            double a = rnd.nextDouble(0, 2 * Math.PI);
            double d = l.radius() * rnd.nextDouble(0.2, 0.45);
            cx[p] = l.x() + d * Math.cos(a);
            cy[p] = l.y() + d * Math.sin(a);
            rr[p] = l.radius() * rnd.nextDouble(0.5, 0.7);
        }
        double edge = switch (l.type()) {
            case MICROANEURYSM -> 0.12 * l.radius();
            case HAEMORRHAGE -> 0.22 * l.radius();
            case HARD_EXUDATE -> 0.15 * l.radius();
            case DRUSE -> 0.5 * l.radius();
            case COTTON_WOOL_SPOT -> 0.6 * l.radius();
        };
        double depth = switch (l.type()) {
            case MICROANEURYSM -> rnd.nextDouble(0.9, 1.0);
            case HAEMORRHAGE -> rnd.nextDouble(0.85, 1.0);
            default -> 1.0;
        };
        return new LesionShape(l, cx, cy, rr, Math.max(edge, pixel), depth, rnd.nextDouble(0, Math.PI),
                rnd.nextDouble(1.2, 1.6));
    }

    /** Returns how strongly the lesion covers FOV point (u, v), 0..1. */
    double alpha(double u, double v) {
        if (lesion.type() == LesionType.COTTON_WOOL_SPOT) {
            double du = u - cx[0];
            double dv = v - cy[0];
            double cos = Math.cos(ellipseAngle);
            double sin = Math.sin(ellipseAngle);
            double a = (du * cos + dv * sin) / ellipseRatio;
            double b = -du * sin + dv * cos;
            double d = Math.hypot(a, b);
            // Feathered: a plateau in the middle that fades over the outer part of the radius.
            return ImageFilters.smooth((r[0] - d) / edge);
        }
        double best = 0;
        for (int p = 0; p < r.length; p++) {
            double d = Math.hypot(u - cx[p], v - cy[p]);
            best = Math.max(best, ImageFilters.smooth((r[p] - d) / edge + 0.5));
        }
        return best;
    }

    /** Returns the darkening strength of red lesions (1 = full), 1 for other types. */
    double depth() {
        return depth;
    }
}
