package org.stylexaudit.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.stylexaudit.common.Progress;
import org.stylexaudit.ingest.FolderIngest;
import org.stylexaudit.ingest.IngestException;
import org.stylexaudit.ingest.IngestOptions;
import org.stylexaudit.ingest.IngestSummary;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * Runs one audit under the workspace lock: ingests what is new and writes the run summary. Classification,
 * AttFind and the report are not wired yet and are listed as warnings in the summary.
 */
public final class AuditRun {

    /** Name of the summary file in the output folder. */
    public static final String SUMMARY_FILE = "audit-summary.json";

    private final Protocol protocol;
    private final Clock clock;

    /** Creates a run of {@code protocol}, timing it with {@code clock}. */
    public AuditRun(Protocol protocol, Clock clock) {
        this.protocol = protocol;
        this.clock = clock;
    }

    /** Runs the audit and returns its summary, also written to {@link #summaryFile()}. */
    public RunSummary run(Progress progress) throws AuditException {
        Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!protocol.archive().isFolder()) {
            throw new AuditException("archive.dicomweb: DICOMweb archives are not yet available to audit; "
                    + "use archive.folder");
        }
        Path source = protocol.archive().folder();
        if (!Files.isDirectory(source)) {
            throw new AuditException("archive.folder: no such folder " + source);
        }
        try (RunLock lock = RunLock.acquire(protocol.workspace());
                Workspace ws = Workspace.open(protocol.workspace())) {
            IngestSummary ingest = new FolderIngest(ws, IngestOptions.of(source)
                    .withKeepPaths(protocol.allowPatientData())).run(progress);
            List<String> warnings = new ArrayList<>();
            boolean nothingNew = ingest.accepted() == 0;
            boolean attfindDue = !nothingNew || protocol.attfind().when() == Protocol.When.ALWAYS;
            if (nothingNew) {
                warnings.add("nothing new since the last run: no model work done");
            }
            if (!nothingNew) {
                warnings.add("classification: not yet available in audit");
            }
            if (attfindDue) {
                warnings.add("attfind: not yet available");
                if (protocol.report().enabled()) {
                    warnings.add("report: not yet available");
                }
                if (protocol.study().enabled()) {
                    warnings.add("study packet: not yet available");
                }
            }
            String outcome = ingest.hasRejections() ? "partial" : nothingNew ? "nothing-new" : "ok";
            RunSummary summary = new RunSummary(protocol.file().toString(), started.toString(),
                    clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), ingest.runId(), ingest.accepted(),
                    ingest.rejected(), 0, false, outcome, warnings);
            new RunSummaryJson().write(summary, summaryFile());
            return summary;
        } catch (StoreException | IngestException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    /** Returns where the run summary is written. */
    public Path summaryFile() {
        return protocol.output().resolve(SUMMARY_FILE);
    }
}
