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
 * @param maxInflateRatio how many times its compressed size a deflated data set may inflate to, once past
 *     {@link #INFLATE_FREE_BYTES}; default 100 (deflate reaches about 1000:1 on zeros, real images far less)
 */
public record ReadLimits(long maxFileBytes, long maxElementLength, int maxSequenceDepth, int maxElements,
        long maxPixelSamples, int maxInflateRatio) {

    /** The documented defaults. */
    public static final ReadLimits DEFAULT = new ReadLimits(1L << 30, 1L << 30, 16, 1_000_000, 256L << 20, 100);

    /** Inflated size always allowed for a deflated data set, whatever the ratio: small files never trip the ratio. */
    public static final long INFLATE_FREE_BYTES = 16L << 20;

    /** Checks that every limit is positive. */
    public ReadLimits {
        if (maxFileBytes <= 0 || maxElementLength <= 0 || maxSequenceDepth <= 0 || maxElements <= 0
                || maxPixelSamples <= 0 || maxInflateRatio <= 0) {
            throw new IllegalArgumentException("every read limit must be positive, got " + maxFileBytes + " file bytes, "
                    + maxElementLength + " value bytes, depth " + maxSequenceDepth + ", " + maxElements
                    + " elements, " + maxPixelSamples + " pixel samples, inflate ratio " + maxInflateRatio);
        }
        // Java arrays hold at most 2^31-1 bytes; a larger limit would only move the failure to an array allocation.
        maxFileBytes = Math.min(maxFileBytes, Integer.MAX_VALUE - 16L);
    }

    /** Creates limits with the default inflate ratio. */
    public ReadLimits(long maxFileBytes, long maxElementLength, int maxSequenceDepth, int maxElements,
            long maxPixelSamples) {
        this(maxFileBytes, maxElementLength, maxSequenceDepth, maxElements, maxPixelSamples, DEFAULT_INFLATE_RATIO);
    }

    private static final int DEFAULT_INFLATE_RATIO = 100;

    /** Returns how many bytes a deflated data set of {@code compressed} bytes may inflate to. */
    public long maxInflatedBytes(long compressed) {
        long byRatio = compressed > Long.MAX_VALUE / maxInflateRatio ? Long.MAX_VALUE : compressed * maxInflateRatio;
        return Math.min(maxFileBytes, Math.max(INFLATE_FREE_BYTES, byRatio));
    }

    /** Returns a copy with another pixel budget. */
    public ReadLimits withMaxPixelSamples(long samples) {
        return new ReadLimits(maxFileBytes, maxElementLength, maxSequenceDepth, maxElements, samples, maxInflateRatio);
    }

    /** Returns a copy with another file size bound (also bounds deflate inflation). */
    public ReadLimits withMaxFileBytes(long bytes) {
        return new ReadLimits(bytes, maxElementLength, maxSequenceDepth, maxElements, maxPixelSamples, maxInflateRatio);
    }

    /** Returns a copy with another bound on one element's value length. */
    public ReadLimits withMaxElementLength(long bytes) {
        return new ReadLimits(maxFileBytes, bytes, maxSequenceDepth, maxElements, maxPixelSamples, maxInflateRatio);
    }

    /** Returns a copy with another sequence nesting bound. */
    public ReadLimits withMaxSequenceDepth(int depth) {
        return new ReadLimits(maxFileBytes, maxElementLength, depth, maxElements, maxPixelSamples, maxInflateRatio);
    }

    /** Returns a copy with another element count bound. */
    public ReadLimits withMaxElements(int elements) {
        return new ReadLimits(maxFileBytes, maxElementLength, maxSequenceDepth, elements, maxPixelSamples,
                maxInflateRatio);
    }

    /** Returns a copy with another inflate ratio bound. */
    public ReadLimits withMaxInflateRatio(int ratio) {
        return new ReadLimits(maxFileBytes, maxElementLength, maxSequenceDepth, maxElements, maxPixelSamples, ratio);
    }
}
