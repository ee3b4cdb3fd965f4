package org.stylexaudit.attfind;

/**
 * Every parameter of one AttFind run, with the defaults of the StylEx authors' notebook where it has one.
 *
 * @param images images to analyse (N; the reference uses 250)
 * @param k attributes to select per class (the reference uses 8)
 * @param shift shift factor: a coordinate moves to {@code s + shift * (extreme - s)}, extreme being its minimum
 *     or maximum over the N images (1 moves it exactly to the extreme)
 * @param method {@link Method#EXHAUSTIVE} evaluates every coordinate in both directions; {@link Method#SCREENED}
 *     ranks them by gradient times shift and evaluates only the best
 * @param candidates for the screened method: candidate (direction, coordinate) columns kept per class
 * @param explainedCap an image whose accumulated effect toward the class reaches this is "explained" and no longer
 *     votes in the greedy selection (the notebook's {@code max_image_effect}, 0.2)
 * @param unstableEffect an effect (probability change of any class) at least this large counts as large
 * @param unstableShare an image with a larger share of large-effect columns than this is dropped as unstable
 * @param affectThreshold an attribute "affects" an image when it moves the target probability by at least this
 * @param batch style vectors per ONNX Runtime call
 * @param seed seed for every random choice (none in the exhaustive search; recorded for provenance)
 */
public record AttFindConfig(int images, int k, double shift, Method method, int candidates, double explainedCap,
        double unstableEffect, double unstableShare, double affectThreshold, int batch, long seed) {

    /** How effects are computed. */
    public enum Method {
        /** Every searchable coordinate in both directions, exactly. */
        EXHAUSTIVE,
        /** Gradient screening, then exact evaluation of the best candidates. */
        SCREENED
    }

    /** Checks ranges; messages say what was expected and what was received. */
    public AttFindConfig {
        if (images < 1) {
            throw new IllegalArgumentException("images must be at least 1, got " + images);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (!(shift > 0) || Double.isInfinite(shift)) {
            throw new IllegalArgumentException("shift must be a positive number, got " + shift);
        }
        if (method == null) {
            throw new IllegalArgumentException("method must be exhaustive or screened");
        }
        if (candidates < k) {
            throw new IllegalArgumentException("candidates per class must be at least k = " + k + ", got "
                    + candidates);
        }
        if (!(unstableShare > 0 && unstableShare <= 1)) {
            throw new IllegalArgumentException("unstable share must be in (0, 1], got " + unstableShare);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive, got " + batch);
        }
    }

    /** Returns the defaults: N=250, k=8, shift 1, exhaustive, 4k candidates, cap 0.2, batch 64, seed 20261126. */
    public static AttFindConfig defaults() {
        return new AttFindConfig(250, 8, 1.0, Method.EXHAUSTIVE, 32, 0.2, 0.5, 0.1, 0.05, 64, 20261126L);
    }

    /** Returns a copy with N images. */
    public AttFindConfig withImages(int n) {
        return new AttFindConfig(n, k, shift, method, candidates, explainedCap, unstableEffect, unstableShare,
                affectThreshold, batch, seed);
    }

    /** Returns a copy selecting {@code newK} attributes per class (candidates grow to at least 4k). */
    public AttFindConfig withK(int newK) {
        return new AttFindConfig(images, newK, shift, method, Math.max(candidates, 4 * newK), explainedCap,
                unstableEffect, unstableShare, affectThreshold, batch, seed);
    }

    /** Returns a copy with another shift factor. */
    public AttFindConfig withShift(double newShift) {
        return new AttFindConfig(images, k, newShift, method, candidates, explainedCap, unstableEffect,
                unstableShare, affectThreshold, batch, seed);
    }

    /** Returns a copy with another method. */
    public AttFindConfig withMethod(Method newMethod) {
        return new AttFindConfig(images, k, shift, newMethod, candidates, explainedCap, unstableEffect,
                unstableShare, affectThreshold, batch, seed);
    }

    /** Returns a copy keeping {@code n} candidate columns per class in the screened method. */
    public AttFindConfig withCandidates(int n) {
        return new AttFindConfig(images, k, shift, method, n, explainedCap, unstableEffect, unstableShare,
                affectThreshold, batch, seed);
    }

    /** Returns a copy with another instability rule. */
    public AttFindConfig withUnstable(double effect, double share) {
        return new AttFindConfig(images, k, shift, method, candidates, explainedCap, effect, share,
                affectThreshold, batch, seed);
    }

    /** Returns a copy with another batch size. */
    public AttFindConfig withBatch(int newBatch) {
        return new AttFindConfig(images, k, shift, method, candidates, explainedCap, unstableEffect, unstableShare,
                affectThreshold, newBatch, seed);
    }
}
