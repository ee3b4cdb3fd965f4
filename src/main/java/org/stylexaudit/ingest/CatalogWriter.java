package org.stylexaudit.ingest;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.stylexaudit.store.InstanceStore;
import org.stylexaudit.store.InstanceStore.Instance;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * Writes outcomes to the catalog, one file per transaction, moves accepted images into the cache and keeps the
 * counts for the summary. Used by one thread only.
 */
final class CatalogWriter {

    /** An outcome together with the row its path had before this run, if any. */
    record Processed(Outcome outcome, Instance previous) {
    }

    private final Workspace ws;
    private final InstanceStore store;
    private final long sourceId;
    private final long runId;
    private final UnaryOperator<String> catalogPath;
    private int accepted;
    private int rejected;
    private int skipped;
    private int unchanged;
    private int unchangedRejected;
    private final TreeMap<String, Integer> skippedByReason = new TreeMap<>();
    private final List<IngestSummary.Rejection> rejections = new ArrayList<>();

    /**
     * @param catalogPath turns a relative path into the catalog's {@code source_path} (itself, or its keyed hash)
     */
    CatalogWriter(Workspace ws, InstanceStore store, long sourceId, long runId, UnaryOperator<String> catalogPath) {
        this.ws = ws;
        this.store = store;
        this.sourceId = sourceId;
        this.runId = runId;
        this.catalogPath = catalogPath;
    }

    /** Counts a file left as it is because its path, size and mtime match its row. */
    void unchanged(Instance prev) {
        unchanged++;
        if (InstanceStore.REJECTED.equals(prev.status())) {
            unchangedRejected++;
        }
    }

    /** Records one outcome and returns the path it concerned, for progress. */
    String record(Processed p) throws StoreException, IngestException {
        Outcome o = p.outcome();
        Instance prev = p.previous();
        switch (o.disposition()) {
            case UNCHANGED -> {
                // Same content under a new size or mtime (a copy, a touch): keep the row, refresh the attributes
                // so the next run takes the fast path.
                store.upsert(new Instance(0, sourceId, prev.sourcePath(), o.entry().size(), o.entry().mtime(),
                        prev.contentDigest(), prev.imageKey(), prev.studyKey(), prev.format(), prev.sopClass(),
                        prev.transferSyntax(), prev.rows(), prev.columns(), prev.frames(), prev.laterality(),
                        prev.status(), prev.rejectionReason(), prev.cachePath()), runId);
                unchanged(prev);
            }
            case ACCEPTED -> recordAccepted(o, prev);
            default -> recordOther(o, prev, o.disposition(), o.reason());
        }
        return o.entry().relPath();
    }

    private void recordAccepted(Outcome o, Instance prev) throws StoreException, IngestException {
        String key = o.facts().imageKey();
        String path = catalogPath.apply(o.entry().relPath());
        Optional<Instance> other = store.byImageKey(key)
                .filter(i -> i.sourceId() != sourceId || !i.sourcePath().equals(path));
        if (other.isPresent()) {
            deleteQuietly(o.pendingPng());
            String what = FileFormat.DICOM.label().equals(o.facts().format()) ? "same SOP Instance UID" : "same content";
            recordOther(o, prev, Disposition.SKIPPED, Reasons.DUPLICATE + what + " as " + other.get().sourcePath());
            return;
        }
        String cachePath = "cache/" + key + ".png";
        moveIntoCache(o.pendingPng(), ws.dir().resolve(cachePath));
        ImageFacts f = o.facts();
        store.upsert(new Instance(0, sourceId, path, o.entry().size(), o.entry().mtime(), o.digest(),
                key, f.studyKey(), f.format(), f.sopClass(), f.transferSyntax(), f.rows(), f.columns(), f.frames(),
                f.laterality(), InstanceStore.ACCEPTED, null, cachePath), runId);
        if (prev != null && prev.cachePath() != null && !prev.cachePath().equals(cachePath)) {
            deleteQuietly(ws.dir().resolve(prev.cachePath()));
        }
        accepted++;
    }

    private void recordOther(Outcome o, Instance prev, Disposition d, String reason) throws StoreException {
        ImageFacts f = o.facts();
        store.upsert(new Instance(0, sourceId, catalogPath.apply(o.entry().relPath()), o.entry().size(),
                o.entry().mtime(), o.digest(), f.imageKey(), f.studyKey(), f.format(), f.sopClass(), f.transferSyntax(), f.rows(), f.columns(),
                f.frames(), f.laterality(), d.status(), reason, null), runId);
        // A file that was accepted before and is no longer usable must not leave its image in the cache.
        if (prev != null && prev.cachePath() != null) {
            deleteQuietly(ws.dir().resolve(prev.cachePath()));
        }
        if (d == Disposition.REJECTED) {
            rejected++;
            rejections.add(new IngestSummary.Rejection(o.entry().relPath(), reason));
        } else {
            skipped++;
            skippedByReason.merge(category(reason), 1, Integer::sum);
        }
    }

    /** Returns the part of a reason before its first ": ", which groups skips in the summary. */
    static String category(String reason) {
        int i = reason.indexOf(": ");
        return i < 0 ? reason : reason.substring(0, i);
    }

    /** Returns the summary of what was recorded. */
    IngestSummary summary(int seen, int missing) {
        return new IngestSummary(runId, seen, accepted, rejected, skipped, unchanged, unchangedRejected, missing,
                skippedByReason, rejections);
    }

    private static void moveIntoCache(Path tmp, Path target) throws IngestException {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IngestException("cannot move a normalised image into the cache " + target.getParent() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a stale cache file is harmless: nothing refers to it
        }
    }
}
