package org.stylexaudit.audit;

import java.nio.file.Path;
import java.util.List;
import org.stylexaudit.common.Progress;
import org.stylexaudit.ingest.IngestException;
import org.stylexaudit.ingest.IngestSummary;
import org.stylexaudit.store.Workspace;

/** Where an audit's images come from: a folder tree or a DICOMweb archive. */
interface ArchiveSource {

    /** Returns the source a protocol names. */
    static ArchiveSource of(Protocol p) {
        return p.archive().isFolder() ? new FolderSource(p) : new DicomWebSource(p);
    }

    /** Fails early, before the lock is taken, when the source cannot work (missing folder, missing credentials). */
    void check() throws AuditException;

    /** Ingests what is new into the workspace; safe to repeat after a kill. */
    IngestSummary ingest(Workspace ws, Progress progress) throws AuditException, IngestException;

    /**
     * Stores the report back into the archive when the source and protocol ask for it; returns whether it did.
     * A source that cannot store reports returns false without a warning.
     */
    boolean storeReport(Workspace ws, Path pdf, String title, List<String> warnings) throws AuditException;
}
