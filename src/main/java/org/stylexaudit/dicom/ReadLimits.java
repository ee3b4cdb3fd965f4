package org.stylexaudit.dicom;

/**
 * Bounds what a single file may make the reader and decoder do, so a hostile or broken file ends in a
 * {@link DicomException} instead of an OutOfMemoryError or a hang.
 *
 * @param maxFileBytes largest file (or inflated deflate stream) read into memory; default 1 GiB
 * @param maxElementLength largest value length of one element; default 1 GiB
 * @param maxSequenceDepth deepest nesting of sequences; default 16
 * @param maxElements most data elements in one file, counted over all items; default 1,000,000
 * @param maxPixelSamples largest rows x columns x frames x samples per pixel; default 256 Mi samples
 */
public record ReadLimits(long maxFileBytes, long maxElementLength, int maxSequenceDepth, int maxElements,
        long maxPixelSamples) {

    /** The documented defaults. */
    public static final ReadLimits DEFAULT = new ReadLimits(1L << 30, 1L << 30, 16, 1_000_000, 256L << 20);

    /** Checks that every limit is positive. */
    public ReadLimits {
        if (maxFileBytes <= 0 || maxElementLength <= 0 || maxSequenceDepth <= 0 || maxElements <= 0
                || maxPixelSamples <= 0) {
            throw new IllegalArgumentException("every read limit must be positive");
        }
        // Java arrays hold at most 2^31-1 bytes; a larger limit would only move the failure to an array allocation.
        maxFileBytes = Math.min(maxFileBytes, Integer.MAX_VALUE - 16L);
    }

    /** Returns a copy with another pixel budget. */
    public ReadLimits withMaxPixelSamples(long samples) {
        return new ReadLimits(maxFileBytes, maxElementLength, maxSequenceDepth, maxElements, samples);
    }

    /** Returns a copy with another file size bound (also bounds deflate inflation). */
    public ReadLimits withMaxFileBytes(long bytes) {
        return new ReadLimits(bytes, maxElementLength, maxSequenceDepth, maxElements, maxPixelSamples);
    }
}
