package org.stylexaudit.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws factor values: a disease grade per patient, anatomy and lesions per eye, then the label (with noise), then
 * the camera (tied to the label by the shortcut strength) and the acquisition factors.
 */
final class FactorSampler {

    /** Lesions are kept inside this radius so they do not touch the dark rim. */
    private static final double LESION_FIELD = 0.86;
    /** Free gap between lesions, FOV units: keeps lesions countable as separate blobs at 64 px. */
    private static final double LESION_GAP = 0.07;
    private static final int PLACEMENT_TRIES = 400;
    /** Probabilities of disease grades 0..4 (none, mild, moderate, severe, proliferative). */
    private static final double[] GRADE_P = {0.34, 0.20, 0.16, 0.15, 0.15};
    /** Per grade: min and max of microaneurysms, haemorrhages, hard exudates, cotton-wool spots. */
    private static final int[][] COUNTS = {
        {0, 1, 0, 0, 0, 0, 0, 0},
        {1, 4, 0, 1, 0, 1, 0, 0},
        {2, 6, 1, 4, 0, 3, 0, 1},
        {3, 7, 3, 7, 2, 6, 0, 2},
        {4, 8, 5, 9, 3, 8, 1, 3},
    };

    private final double shortcutStrength;
    private final double labelNoise;

    FactorSampler(double shortcutStrength, double labelNoise) {
        this.shortcutStrength = shortcutStrength;
        this.labelNoise = labelNoise;
    }

    /** Factors that belong to the patient and are shared, with small differences, by both eyes. */
    record PatientTraits(int grade, double pigmentation, double cupToDisc, double vesselCalibre,
            double tortuosity, double texture) {
    }

    /** One eye before acquisition: anatomy, lesions and the (noisy) label. */
    record Eye(long imageSeed, Laterality laterality, int grade, double pigmentation, double texture,
            double discX, double discY, double discRadius, double cupToDisc, double maculaX, double maculaY,
            double maculaDarkness, double vesselCalibre, double tortuosity, List<Lesion> lesions,
            boolean referable, boolean labelFlipped) {
    }

    PatientTraits patient(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        int grade = 0;
        double acc = GRADE_P[0];
        while (u > acc && grade < GRADE_P.length - 1) {
            grade++;
            acc += GRADE_P[grade];
        }
        return new PatientTraits(grade, rnd.nextDouble(), rnd.nextDouble(0.2, 0.75), rnd.nextDouble(0.75, 1.3),
                rnd.nextDouble(), rnd.nextDouble());
    }

    Eye eye(SplittableRandom rnd, PatientTraits p, Laterality lat) {
        long seed = rnd.nextLong();
        int grade = Math.max(0, Math.min(4, p.grade() + (rnd.nextDouble() < 0.3 ? rnd.nextInt(3) - 1 : 0)));
        int side = lat.discSide();
        double discX = side * rnd.nextDouble(0.36, 0.42);
        double discY = rnd.nextDouble(-0.06, 0.06);
        double discRadius = rnd.nextDouble(0.15, 0.19);
        double maculaX = discX - side * rnd.nextDouble(0.72, 0.80);
        double maculaY = discY + rnd.nextDouble(0.04, 0.10);
        double cdr = clamp(p.cupToDisc() + rnd.nextDouble(-0.04, 0.04), 0.15, 0.85);
        List<Lesion> lesions = placeLesions(rnd, grade, discX, discY, discRadius, maculaX, maculaY);
        boolean truth = ReferableDr.of(count(lesions, true), countType(lesions, LesionType.HARD_EXUDATE));
        boolean flipped = rnd.nextDouble() < labelNoise;
        return new Eye(seed, lat, grade, clamp(p.pigmentation() + rnd.nextDouble(-0.05, 0.05), 0, 1),
                clamp(p.texture() + rnd.nextDouble(-0.1, 0.1), 0, 1), discX, discY, discRadius, cdr, maculaX,
                maculaY, rnd.nextDouble(0.1, 0.3), p.vesselCalibre() * rnd.nextDouble(0.95, 1.05),
                clamp(p.tortuosity() + rnd.nextDouble(-0.1, 0.1), 0, 1), lesions, truth ^ flipped, flipped);
    }

    /** Picks the camera of a visit: with the shortcut strength it is the label's camera, otherwise any camera. */
    CameraModel camera(SplittableRandom rnd, boolean visitReferable) {
        if (rnd.nextDouble() < shortcutStrength) {
            return CameraModel.shortcutCamera(visitReferable);
        }
        CameraModel[] all = CameraModel.values();
        return all[rnd.nextInt(all.length)];
    }

    /** Adds the acquisition factors of one exposure of an eye with a camera. */
    FundusFactors acquire(SplittableRandom rnd, Eye e, CameraModel camera) {
        double castR = camera.gainR() * Math.exp(rnd.nextGaussian() * 0.03);
        double castG = camera.gainG() * Math.exp(rnd.nextGaussian() * 0.03);
        double castB = camera.gainB() * Math.exp(rnd.nextGaussian() * 0.03);
        double blur = rnd.nextDouble(0.0015, 0.022);
        double noise = camera.sensorNoise() + rnd.nextDouble(0, 0.02);
        return new FundusFactors(e.imageSeed(), e.laterality(), e.pigmentation(), e.texture(),
                rnd.nextDouble(0.15, 0.55), rnd.nextDouble(0.88, 1.08), e.discX(), e.discY(), e.discRadius(),
                e.cupToDisc(), e.maculaX(), e.maculaY(), e.maculaDarkness(), e.vesselCalibre(), e.tortuosity(),
                e.lesions(), camera, castR, castG, castB, blur, noise);
    }

    private static List<Lesion> placeLesions(SplittableRandom rnd, int grade, double discX, double discY,
            double discRadius, double maculaX, double maculaY) {
        int[] c = COUNTS[grade];
        List<Lesion> placed = new ArrayList<>();
        // Large lesions first, so the small ones fill the gaps instead of blocking them.
        place(placed, rnd, LesionType.HAEMORRHAGE, between(rnd, c[2], c[3]), 0.06, 0.09, 0, 0, 0, discX, discY,
                discRadius);
        place(placed, rnd, LesionType.COTTON_WOOL_SPOT, between(rnd, c[6], c[7]), 0.065, 0.09, 0, 0, 0, discX,
                discY, discRadius);
        place(placed, rnd, LesionType.HARD_EXUDATE, between(rnd, c[4], c[5]), 0.036, 0.05, maculaX, maculaY,
                0.5, discX, discY, discRadius);
        place(placed, rnd, LesionType.MICROANEURYSM, between(rnd, c[0], c[1]), 0.04, 0.05, 0, 0, 0, discX, discY,
                discRadius);
        place(placed, rnd, LesionType.DRUSE, rnd.nextDouble() < 0.35 ? between(rnd, 1, 8) : 0, 0.022, 0.032,
                maculaX, maculaY, 1.0, discX, discY, discRadius);
        return placed;
    }

    /**
     * Places up to {@code n} lesions of a type by rejection sampling; a share {@code nearMacula} of them lands
     * within 0.45 of the fovea. Lesions that find no free spot are dropped, so the factors record what is drawn.
     */
    private static void place(List<Lesion> placed, SplittableRandom rnd, LesionType type, int n, double rMin,
            double rMax, double mx, double my, double nearMacula, double discX, double discY, double discRadius) {
        for (int k = 0; k < n; k++) {
            double radius = rnd.nextDouble(rMin, rMax);
            boolean macular = rnd.nextDouble() < nearMacula;
            for (int t = 0; t < PLACEMENT_TRIES; t++) {
                double a = rnd.nextDouble(0, 2 * Math.PI);
                double x;
                double y;
                if (macular) {
                    double d = 0.45 * Math.sqrt(rnd.nextDouble());
                    x = mx + d * Math.cos(a);
                    y = my + d * Math.sin(a);
                } else {
                    double d = LESION_FIELD * Math.sqrt(rnd.nextDouble());
                    x = d * Math.cos(a);
                    y = d * Math.sin(a);
                }
                Lesion candidate = new Lesion(type, x, y, radius);
                if (fits(candidate, placed, discX, discY, discRadius)) {
                    placed.add(candidate);
                    break;
                }
            }
        }
    }

    private static boolean fits(Lesion c, List<Lesion> placed, double discX, double discY, double discRadius) {
        double reach = c.type() == LesionType.COTTON_WOOL_SPOT ? c.radius() * 1.6 : c.radius();
        if (Math.hypot(c.x(), c.y()) + reach > LESION_FIELD + 0.05) {
            return false;
        }
        if (Math.hypot(c.x() - discX, c.y() - discY) < discRadius * 1.25 + reach + 0.05) {
            return false;
        }
        for (Lesion o : placed) {
            double oReach = o.type() == LesionType.COTTON_WOOL_SPOT ? o.radius() * 1.6 : o.radius();
            if (c.distanceTo(o) < reach + oReach + LESION_GAP) {
                return false;
            }
        }
        return true;
    }

    private static int between(SplittableRandom rnd, int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    private static int count(List<Lesion> lesions, boolean red) {
        int n = 0;
        for (Lesion l : lesions) {
            if (l.type().isRed() == red) {
                n++;
            }
        }
        return n;
    }

    private static int countType(List<Lesion> lesions, LesionType type) {
        int n = 0;
        for (Lesion l : lesions) {
            if (l.type() == type) {
                n++;
            }
        }
        return n;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
