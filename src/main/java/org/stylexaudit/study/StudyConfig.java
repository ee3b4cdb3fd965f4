package org.stylexaudit.study;

/**
 * Configuration of a study export.
 *
 * @param reviewers         number of packets (one per reviewer), 1..200
 * @param itemsPerAttribute items per attribute (strips of different images), 1..6; default 3
 * @param seed              seed of the item choice and of every packet's shuffle; recorded in the study row
 */
public record StudyConfig(int reviewers, int itemsPerAttribute, long seed) {

    /** Default number of items per attribute. */
    public static final int DEFAULT_ITEMS = 3;

    /** Checks ranges. */
    public StudyConfig {
        if (reviewers < 1 || reviewers > 200) {
            throw new IllegalArgumentException("reviewers must be 1..200, got " + reviewers);
        }
        if (itemsPerAttribute < 1 || itemsPerAttribute > 6) {
            throw new IllegalArgumentException("items per attribute must be 1..6, got " + itemsPerAttribute);
        }
    }
}
