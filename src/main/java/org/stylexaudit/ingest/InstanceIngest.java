package org.stylexaudit.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.stylexaudit.store.InstanceStore;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * Ingests Part 10 objects that arrive as bytes (DICOMweb, a network listener) through the same decoding,
 * normalisation and catalog rows as a folder ingest. Each object is recorded in its own transaction under a
 * caller-chosen identifier (a keyed hash of its UIDs, never a UID in clear); an identifier already accepted is
 * left alone, so a repeated fetch after a kill adds nothing twice.
 *
 * <pre>{@code
 * try (InstanceIngest in = InstanceIngest.start(ws, "dicomweb", "http://pacs/dicom-web")) {
 *     in.add(ws.key("sop:" + sopUid), part10Bytes);
 *     IngestSummary s = in.finish();
 * }
 * }</pre>
 */
public final class InstanceIngest implements AutoCloseable {

    private final Workspace ws;
    private final long sourceId;
    private final long runId;
    private final CatalogWriter writer;
    private final FileProcessor processor;
    private int seen;
    private boolean finished;

    private InstanceIngest(Workspace ws, long sourceId, long runId) {
        this.ws = ws;
        this.sourceId = sourceId;
        this.runId = runId;
        this.writer = new CatalogWriter(ws, ws.instances(), sourceId, runId, p -> p);
        this.processor = new FileProcessor(ws.cacheDir(), ws::key, IngestOptions.of(ws.dir()));
    }

    /** Starts an ingest run from the source {@code kind}/{@code location} (location without credentials). */
    public static InstanceIngest start(Workspace ws, String kind, String location) throws IngestException {
        try {
            long sourceId = ws.instances().sourceId(kind, location);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sourceKind", kind);
            m.put("source", location);
            long runId = ws.runs().start("ingest", new ObjectMapper().writeValueAsString(m));
            return new InstanceIngest(ws, sourceId, runId);
        } catch (StoreException | JsonProcessingException e) {
            throw new IngestException(e.getMessage(), e);
        }
    }

    /** Tells whether the identifier is already catalogued as accepted from this source. */
    public boolean known(String identifier) throws IngestException {
        try {
            Optional<InstanceStore.Instance> prev = ws.instances().findByPath(sourceId, identifier);
            return prev.isPresent() && InstanceStore.ACCEPTED.equals(prev.get().status())
                    && prev.get().cachePath() != null && Files.isRegularFile(ws.dir().resolve(prev.get().cachePath()));
        } catch (StoreException e) {
            throw new IngestException(e.getMessage(), e);
        }
    }

    /** Decodes, normalises and records one Part 10 object under {@code identifier}. */
    public void add(String identifier, byte[] part10) throws IngestException {
        seen++;
        // The decoders read files; the bytes go to a temporary file in the cache, which the next folder ingest
        // removes if a kill leaves it behind.
        Path tmp = ws.cacheDir().resolve(FolderIngest.TEMP_PREFIX + UUID.randomUUID() + ".dcm");
        try {
            Files.write(tmp, part10);
            FolderWalker.Entry e = new FolderWalker.Entry(tmp, identifier, FolderWalker.Kind.FILE, part10.length, 0,
                    null);
            InstanceStore.Instance prev = ws.instances().findByPath(sourceId, identifier).orElse(null);
            writer.record(new CatalogWriter.Processed(processor.process(e, null), prev));
        } catch (IOException | StoreException e) {
            throw new IngestException("cannot ingest " + identifier + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a left-over temporary is removed by the next ingest
            }
        }
    }

    /** Closes the run as ok or partial and returns its summary. */
    public IngestSummary finish() throws IngestException {
        IngestSummary s = writer.summary(seen, 0);
        try {
            ws.runs().finish(runId, s.hasRejections() ? "partial" : "ok", new ObjectMapper().writeValueAsString(s));
            finished = true;
            return s;
        } catch (StoreException | JsonProcessingException e) {
            throw new IngestException(e.getMessage(), e);
        }
    }

    /** Marks the run failed when {@link #finish()} was not reached. */
    @Override
    public void close() throws IngestException {
        if (!finished) {
            try {
                ws.runs().finish(runId, "failed", "{}");
            } catch (StoreException e) {
                throw new IngestException(e.getMessage(), e);
            }
        }
    }
}
