package org.stylexaudit.ingest;

import java.nio.file.Path;
import java.util.Objects;
import org.stylexaudit.dicom.ReadLimits;

/**
 * Configures one ingest run.
 *
 * @param source    folder tree to read; never written to
 * @param cacheSize side in pixels of the square normalised images written to the cache (default 256)
 * @param threads   files decoded in parallel (default 1; the catalog is always written by one thread)
 * @param maxPixels largest image (width x height) decoded; bigger images are rejected rather than risking the
 *                  heap (default 50 million, above any fundus camera)
 * @param keepPaths store file paths in clear in the catalog (default false: archive paths often hold patient
 *                  names or IDs, so the catalog stores a keyed hash of each path instead)
 * @param dicomLimits bounds on what one DICOM file may make the reader do: file size (and inflated size of a
 *                  deflated data set), value length, sequence nesting, element count, pixel samples (default
 *                  {@link ReadLimits#DEFAULT})
 */
public record IngestOptions(Path source, int cacheSize, int threads, long maxPixels, boolean keepPaths,
        ReadLimits dicomLimits) {

    /** Default side of cached images, in pixels. */
    public static final int DEFAULT_CACHE_SIZE = 256;
    /** Default limit on decoded image size, in pixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    /** Checks the values; throws {@link IllegalArgumentException} saying what was expected. */
    public IngestOptions {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dicomLimits, "dicomLimits");
        if (cacheSize < 16 || cacheSize > 4096) {
            throw new IllegalArgumentException("cache size must be between 16 and 4096 pixels, got " + cacheSize);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be between 1 and 64, got " + threads);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("max pixels must be positive, got " + maxPixels);
        }
    }

    /** Returns options with the defaults for everything but the source. */
    public static IngestOptions of(Path source) {
        return new IngestOptions(source, DEFAULT_CACHE_SIZE, 1, DEFAULT_MAX_PIXELS, false, ReadLimits.DEFAULT);
    }

    /** Returns a copy with another cache size. */
    public IngestOptions withCacheSize(int size) {
        return new IngestOptions(source, size, threads, maxPixels, keepPaths, dicomLimits);
    }

    /** Returns a copy with another thread count. */
    public IngestOptions withThreads(int n) {
        return new IngestOptions(source, cacheSize, n, maxPixels, keepPaths, dicomLimits);
    }

    /** Returns a copy that stores paths in clear ({@code true}) or keyed ({@code false}). */
    public IngestOptions withKeepPaths(boolean keep) {
        return new IngestOptions(source, cacheSize, threads, maxPixels, keep, dicomLimits);
    }

    /** Returns a copy with another limit on decoded image size (width x height), for every format. */
    public IngestOptions withMaxPixels(long pixels) {
        return new IngestOptions(source, cacheSize, threads, pixels, keepPaths, dicomLimits);
    }

    /** Returns a copy with other DICOM read limits. */
    public IngestOptions withDicomLimits(ReadLimits limits) {
        return new IngestOptions(source, cacheSize, threads, maxPixels, keepPaths, limits);
    }
}
