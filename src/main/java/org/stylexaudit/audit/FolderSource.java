package org.stylexaudit.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stylexaudit.common.Progress;
import org.stylexaudit.ingest.FolderIngest;
import org.stylexaudit.ingest.IngestException;
import org.stylexaudit.ingest.IngestOptions;
import org.stylexaudit.ingest.IngestSummary;
import org.stylexaudit.store.Workspace;

/** A folder tree read by the incremental folder ingest. */
final class FolderSource implements ArchiveSource {

    private final Protocol protocol;

    FolderSource(Protocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public void check() throws AuditException {
        Path source = protocol.archive().folder();
        if (!Files.isDirectory(source)) {
            throw new ProtocolMismatchException(protocol.file() + ": archive.folder: no such folder " + source);
        }
    }

    @Override
    public IngestSummary ingest(Workspace ws, Progress progress) throws AuditException, IngestException {
        try {
            return new FolderIngest(ws, IngestOptions.of(protocol.archive().folder())
                    .withKeepPaths(protocol.allowPatientData())).run(progress);
        } catch (IllegalArgumentException e) {
            throw new ProtocolMismatchException(protocol.file() + ": archive.folder: " + e.getMessage());
        }
    }

    @Override
    public boolean storeReport(Workspace ws, Path pdf, String title, List<String> warnings) {
        return false;
    }
}
