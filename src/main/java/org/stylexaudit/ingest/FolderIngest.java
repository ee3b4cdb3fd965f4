package org.stylexaudit.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.stylexaudit.common.Progress;
import org.stylexaudit.common.ToolInfo;
import org.stylexaudit.store.InstanceStore;
import org.stylexaudit.store.InstanceStore.Instance;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * Ingests a folder tree into a workspace: every file gets a catalog row, every usable image a normalised PNG in
 * {@code cache/<imageKey>.png}, and the run a row with its summary.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open(Path.of("ws"))) {
 *     IngestSummary s = new FolderIngest(ws, IngestOptions.of(Path.of("archive"))).run(Progress.NONE);
 * }
 * }</pre>
 *
 * <p>Files are decoded by {@code threads} workers but recorded one at a time, each in its own transaction, with
 * the cache image moved into place just before its row is written; a killed run therefore leaves every file
 * either fully recorded or not at all, and the next run picks up where it stopped. A file whose path, size and
 * modification time match its row is not read again; when only size or time differ its content digest decides.
 */
public final class FolderIngest {

    /** The catalog's {@code source.kind} for folder trees. */
    public static final String SOURCE_KIND = "folder";
    /** Prefix of cache images not yet recorded; left-overs of a killed run are removed at the next start. */
    static final String TEMP_PREFIX = ".ingest-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Workspace ws;
    private final IngestOptions options;

    /** Creates an ingest of {@code options.source()} into {@code ws}. */
    public FolderIngest(Workspace ws, IngestOptions options) {
        this.ws = ws;
        this.options = options;
    }

    /**
     * Runs the ingest and returns its summary. Throws {@link IllegalArgumentException} when the source is not a
     * folder, the workspace lies inside it, or the cache size differs from the images already cached, and
     * {@link IngestException} when the catalog or cache cannot be written.
     */
    public IngestSummary run(Progress progress) throws IngestException {
        Path root = realSource();
        checkWorkspaceOutside(root);
        checkCacheSize();
        removeStaleTemporaries();
        long runId;
        long sourceId;
        try {
            sourceId = ws.instances().sourceId(SOURCE_KIND, root.toString());
            checkPathMode(sourceId);
            runId = ws.runs().start("ingest", parametersJson(root));
        } catch (StoreException e) {
            throw new IngestException(e.getMessage(), e);
        }
        try {
            IngestSummary summary = ingest(root, sourceId, runId, progress);
            // The stored summary names files as the catalog does; the returned one in clear, for the operator.
            IngestSummary stored = summary.withPaths(this::catalogPath);
            ws.runs().finish(runId, summary.hasRejections() ? "partial" : "ok", JSON.writeValueAsString(stored));
            return summary;
        } catch (StoreException | IOException | RuntimeException | IngestException e) {
            markFailed(runId, e);
            if (e instanceof IngestException ie) {
                throw ie;
            }
            throw new IngestException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            progress.finish();
        }
    }

    private IngestSummary ingest(Path root, long sourceId, long runId, Progress progress)
            throws IOException, StoreException, IngestException {
        List<FolderWalker.Entry> entries = new FolderWalker(root).walk();
        progress.start("ingest", entries.size());
        InstanceStore store = ws.instances();
        CatalogWriter writer = new CatalogWriter(ws, store, sourceId, runId, this::catalogPath);
        FileProcessor processor = new FileProcessor(ws.cacheDir(), ws::key, options);
        Set<String> seen = new HashSet<>();
        ArrayDeque<Pending> window = new ArrayDeque<>();
        ExecutorService pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads()) : null;
        long done = 0;
        try {
            for (FolderWalker.Entry e : entries) {
                String path = catalogPath(e.relPath());
                seen.add(path);
                Optional<Instance> prev = store.findByPath(sourceId, path);
                if (prev.isPresent() && unchangedByAttributes(e, prev.get())) {
                    writer.unchanged(prev.get());
                    progress.advance(++done, e.relPath());
                    continue;
                }
                String known = prev.filter(this::reusable).map(Instance::contentDigest).orElse(null);
                Future<Outcome> f = pool == null
                        ? CompletableFuture.completedFuture(processor.process(e, known))
                        : pool.submit(() -> processor.process(e, known));
                window.add(new Pending(f, prev.orElse(null)));
                // A bounded window keeps at most a few decoded images in memory while keeping workers busy.
                int inFlight = pool == null ? 0 : 2 * options.threads();
                while (window.size() > inFlight) {
                    progress.advance(++done, writer.record(await(window.poll())));
                }
            }
            while (!window.isEmpty()) {
                progress.advance(++done, writer.record(await(window.poll())));
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        int missing = (int) store.all().stream()
                .filter(i -> i.sourceId() == sourceId && !seen.contains(i.sourcePath())).count();
        return writer.summary(entries.size(), missing);
    }

    /**
     * Returns the catalog's {@code source_path} for a path relative to the source root: the path itself when the
     * run keeps paths, otherwise its keyed hash under the workspace secret (archive folders and file names often
     * carry patient names and IDs; the hash still finds a file's row on the next run).
     */
    public static String catalogPath(Workspace ws, String relPath, boolean keepPaths) {
        return keepPaths ? relPath : ws.key("path:" + relPath);
    }

    private String catalogPath(String relPath) {
        return catalogPath(ws, relPath, options.keepPaths());
    }

    /** A file handed to a worker, with the catalog row it had before this run. */
    private record Pending(Future<Outcome> future, Instance previous) {
    }

    private static CatalogWriter.Processed await(Pending p) throws IngestException {
        try {
            return new CatalogWriter.Processed(p.future().get(), p.previous());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("ingest interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IngestException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
    }

    /** Tells whether an entry is unchanged by path, size and mtime and its row can stay as it is. */
    private boolean unchangedByAttributes(FolderWalker.Entry e, Instance prev) {
        return prev.fileSize() == e.size() && prev.fileMtime() == e.mtime() && reusable(prev);
    }

    /**
     * Tells whether an earlier row may be kept when the content is unchanged: not when the file could not be
     * read (permissions may have been fixed), nor when its cache image has been deleted (the cache is
     * documented as safe to delete).
     */
    private boolean reusable(Instance prev) {
        if (InstanceStore.REJECTED.equals(prev.status()) && prev.rejectionReason() != null
                && prev.rejectionReason().startsWith(Reasons.UNREADABLE)) {
            return false;
        }
        if (InstanceStore.ACCEPTED.equals(prev.status())) {
            return prev.cachePath() != null && Files.isRegularFile(ws.dir().resolve(prev.cachePath()));
        }
        return true;
    }

    private Path realSource() {
        Path s = options.source();
        if (!Files.isDirectory(s)) {
            throw new IllegalArgumentException("source must be an existing folder, got " + s);
        }
        try {
            return s.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("source folder " + s + " cannot be resolved: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a workspace inside the source (the cache and database would be written into it) and a source inside
     * the workspace (ingest would read its own cache while writing it).
     */
    private void checkWorkspaceOutside(Path root) {
        Path wsReal;
        try {
            wsReal = ws.dir().toRealPath();
        } catch (IOException e) {
            wsReal = ws.dir();
        }
        if (wsReal.startsWith(root)) {
            throw new IllegalArgumentException("the workspace " + ws.dir() + " lies inside the source " + root
                    + "; ingest never writes into the source, so put the workspace elsewhere");
        }
        if (root.startsWith(wsReal)) {
            throw new IllegalArgumentException("the source " + root + " lies inside the workspace " + ws.dir()
                    + "; ingest writes into the workspace, so it cannot also read it as an archive");
        }
    }

    /** Refuses a cache size different from the images already cached, which would mix two resolutions. */
    private void checkCacheSize() throws IngestException {
        try {
            for (Instance i : ws.instances().accepted()) {
                Path png = ws.dir().resolve(i.cachePath());
                if (!Files.isRegularFile(png)) {
                    continue;
                }
                int side = pngWidth(png);
                if (side != options.cacheSize()) {
                    throw new IllegalArgumentException("the workspace cache holds " + side + " px images; ingest with"
                            + " cache size " + side + " or use a new workspace (got " + options.cacheSize() + ")");
                }
                return;
            }
        } catch (StoreException | IOException e) {
            throw new IngestException("cannot read the workspace cache: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to switch between keyed and clear paths for a source already catalogued: every row would look new,
     * and every image a duplicate of itself under its other path.
     */
    private void checkPathMode(long sourceId) throws StoreException {
        for (Instance i : ws.instances().all()) {
            if (i.sourceId() != sourceId) {
                continue;
            }
            boolean keyed = i.sourcePath().matches("[0-9a-f]{64}");
            if (keyed == options.keepPaths()) {
                throw new IllegalArgumentException("this source was ingested " + (keyed ? "with keyed paths" : "with "
                        + "paths in clear") + "; run again " + (keyed ? "without" : "with") + " --keep-paths or use a "
                        + "new workspace");
            }
            return;
        }
    }

    private static int pngWidth(Path png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            try {
                r.setInput(in);
                return r.getWidth(0);
            } finally {
                r.dispose();
            }
        }
    }

    private void removeStaleTemporaries() throws IngestException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(ws.cacheDir(), TEMP_PREFIX + "*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new IngestException("cannot clean the cache " + ws.cacheDir() + ": " + e.getMessage(), e);
        }
    }

    private String parametersJson(Path root) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sourceKind", SOURCE_KIND);
        m.put("source", root.toString());
        m.put("cacheSize", options.cacheSize());
        m.put("threads", options.threads());
        m.put("maxPixels", options.maxPixels());
        m.put("dicomLimits", options.dicomLimits());
        m.put("keepPaths", options.keepPaths());
        m.put("environment", ToolInfo.environment());
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps always serialise", e);
        }
    }

    private void markFailed(long runId, Exception e) {
        try {
            Map<String, String> m = Map.of("error", String.valueOf(e.getMessage()));
            ws.runs().finish(runId, "failed", JSON.writeValueAsString(m));
        } catch (StoreException | JsonProcessingException ignored) {
            // the original failure is the one to report
        }
    }
}
