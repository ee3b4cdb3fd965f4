package org.stylexaudit.ingest;

import java.nio.file.Path;

/**
 * The result of processing one walk entry, handed from a worker to the thread that writes the catalog.
 *
 * @param entry       the entry processed
 * @param disposition what was decided
 * @param reason      why, for rejected and skipped entries
 * @param digest      SHA-256 of the content, or empty when it could not be read
 * @param facts       what was learned about the image
 * @param pendingPng  normalised image written under a temporary name in the cache, for accepted entries
 */
record Outcome(FolderWalker.Entry entry, Disposition disposition, String reason, String digest, ImageFacts facts,
               Path pendingPng) {

    static Outcome rejected(FolderWalker.Entry e, String reason, String digest, ImageFacts facts) {
        return new Outcome(e, Disposition.REJECTED, reason, digest, facts, null);
    }

    static Outcome skipped(FolderWalker.Entry e, String reason, String digest, ImageFacts facts) {
        return new Outcome(e, Disposition.SKIPPED, reason, digest, facts, null);
    }

    static Outcome unchanged(FolderWalker.Entry e, String digest) {
        return new Outcome(e, Disposition.UNCHANGED, null, digest, null, null);
    }
}
