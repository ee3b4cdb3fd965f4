package org.stylexaudit.report;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One image with an attribute pushed in steps both ways: frames ordered by shift, the original at shift 0.
 *
 * @param imageKey keyed hash of the image (never a path or UID)
 * @param frames   frames ordered by ascending shift; exactly one has shift 0
 */
public record CounterfactualStrip(String imageKey, List<Frame> frames) {

    /** Sorts frames by shift and checks that the original is present. */
    public CounterfactualStrip {
        Objects.requireNonNull(imageKey, "imageKey");
        frames = frames.stream().sorted(Comparator.comparingDouble(Frame::shift)).toList();
        if (frames.stream().noneMatch(f -> f.shift() == 0)) {
            throw new IllegalArgumentException("strip of " + imageKey + " has no original frame (shift 0)");
        }
    }

    /** Returns the original frame (shift 0). */
    public Frame original() {
        return frames.stream().filter(f -> f.shift() == 0).findFirst().orElseThrow();
    }

    /** Returns the frames with a shift of the given sign, ordered away from the original. */
    public List<Frame> side(int sign) {
        return frames.stream().filter(f -> Math.signum(f.shift()) == sign)
                .sorted(Comparator.comparingDouble(f -> Math.abs(f.shift()))).toList();
    }
}
