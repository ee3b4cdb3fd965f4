package org.stylexaudit.attfind;

/**
 * The minimum and maximum of every style coordinate over the analysed images: where AttFind moves a coordinate.
 *
 * @param min per concatenated style coordinate, the smallest value
 * @param max per concatenated style coordinate, the largest value
 */
public record StyleRange(float[] min, float[] max) {

    /** Checks that both arrays have the same length. */
    public StyleRange {
        if (min.length != max.length) {
            throw new IllegalArgumentException("min has " + min.length + " values but max " + max.length);
        }
    }

    /** Returns the range of the given style vectors. */
    public static StyleRange of(float[][] styles) {
        float[] lo = styles[0].clone();
        float[] hi = styles[0].clone();
        for (float[] s : styles) {
            for (int i = 0; i < s.length; i++) {
                lo[i] = Math.min(lo[i], s[i]);
                hi[i] = Math.max(hi[i], s[i]);
            }
        }
        return new StyleRange(lo, hi);
    }

    /**
     * Returns the shifted value of coordinate {@code index}: {@code s + shift * (extreme - s)}, the extreme being the
     * maximum for direction +1 and the minimum for -1.
     */
    public float shifted(float s, int index, int direction, double shift) {
        float extreme = direction > 0 ? max[index] : min[index];
        return (float) (s + shift * (extreme - s));
    }
}
