package org.stylexaudit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stylexaudit.attfind.AlignmentProbes;
import org.stylexaudit.attfind.AttFindConfig;
import org.stylexaudit.attfind.AttFindException;
import org.stylexaudit.attfind.AttFindRun;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.Bundle;
import org.stylexaudit.engine.BundleException;
import org.stylexaudit.engine.EngineException;
import org.stylexaudit.engine.EngineOptions;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.ingest.IngestException;
import org.stylexaudit.ingest.IngestSummary;
import org.stylexaudit.store.InstanceStore;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.train.stylex.ImageProbe;

/**
 * Runs one audit under the workspace lock: ingest what is new, classify it, run AttFind when the protocol says,
 * write the dated report and optional study packet, and the run summary. The stages own the work; this class
 * decides what is due from what the workspace already holds, which is what makes a run after a kill finish the
 * killed run's work instead of repeating or skipping it.
 *
 * <pre>{@code
 * RunSummary s = new AuditRun(ProtocolLoader.load(Path.of("protocols/sample-fundus.yaml")), Clock.systemUTC())
 *         .run(Progress.NONE);
 * }</pre>
 */
public final class AuditRun {

    /** Name of the summary file in the output folder. */
    public static final String SUMMARY_FILE = "audit-summary.json";
    /** The command name of audit rows in the workspace's run table. */
    public static final String COMMAND = "audit";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Protocol protocol;
    private final Clock clock;
    private final EngineOptions engine;
    private final ArchiveSource source;

    /** Creates a run of {@code protocol}, timing it with {@code clock}, on the CPU with default threads. */
    public AuditRun(Protocol protocol, Clock clock) {
        this(protocol, clock, EngineOptions.cpu());
    }

    /** Creates a run of {@code protocol} with explicit engine options. */
    public AuditRun(Protocol protocol, Clock clock, EngineOptions engine) {
        this.protocol = protocol;
        this.clock = clock;
        this.engine = engine;
        this.source = ArchiveSource.of(protocol);
    }

    /** Runs the audit and returns its summary, also written to {@link #summaryFile()}. */
    public RunSummary run(Progress progress) throws AuditException {
        Instant started = now();
        source.check();
        checkBundle();
        try (RunLock lock = RunLock.acquire(protocol.workspace());
                Workspace ws = Workspace.open(protocol.workspace())) {
            return new Steps(ws, started).run(progress);
        } catch (StoreException | IngestException | AttFindException | EngineException | BundleException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    /** Fails with a field-path message (like protocol validation) when the bundle is missing or names other classes. */
    private void checkBundle() throws AuditException {
        List<String> names;
        try {
            names = Bundle.readManifest(protocol.bundle()).classNames();
        } catch (BundleException e) {
            throw new ProtocolMismatchException(protocol.file() + ": bundle: " + e.getMessage());
        }
        if (!names.equals(protocol.classes())) {
            throw new ProtocolMismatchException(protocol.file() + ": classes: the protocol names " + protocol.classes()
                    + " but the bundle's classifier has " + names);
        }
    }

    /** Returns where the run summary is written. */
    public Path summaryFile() {
        return protocol.output().resolve(SUMMARY_FILE);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The steps of one run over an open workspace. */
    private final class Steps {
        private final Workspace ws;
        private final Instant started;
        private final Map<String, Double> timings = new LinkedHashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private long mark = System.nanoTime();

        Steps(Workspace ws, Instant started) {
            this.ws = ws;
            this.started = started;
        }

        RunSummary run(Progress progress) throws AuditException, StoreException, IngestException,
                AttFindException, EngineException, BundleException {
            interruptStaleRuns();
            long auditRun = ws.runs().start(COMMAND, json(Map.of("protocol", protocol.file().toString())));
            try {
                RunSummary s = stages(auditRun, progress);
                ws.runs().finish(auditRun, s.outcome(), json(s));
                new RunSummaryJson().write(s, summaryFile());
                return s;
            } catch (AuditException | StoreException | IngestException | AttFindException | EngineException
                    | BundleException | RuntimeException e) {
                ws.runs().finish(auditRun, "failed", json(Map.of("error", String.valueOf(e.getMessage()))));
                throw e;
            }
        }

        private RunSummary stages(long auditRun, Progress progress) throws AuditException, StoreException,
                IngestException, AttFindException, EngineException, BundleException {
            IngestSummary ingest = source.ingest(ws, progress);
            lap("ingest");
            Bundle bundle = Bundle.load(protocol.bundle());
            String classifierSha = Classification.classifierSha(bundle.manifest());
            List<InstanceStore.Instance> accepted = ws.instances().accepted();
            List<InstanceStore.Instance> unclassified = Classification.pending(ws, classifierSha);
            Optional<ImageSet> set = imageSet(accepted, classifierSha);
            StageLedger ledger = new StageLedger(ws.connection());
            Optional<StageLedger.Entry> entry = set.isPresent() ? ledger.find(set.get().digest()) : Optional.empty();
            boolean attfindDue = set.isPresent()
                    && (entry.isEmpty() || protocol.attfind().when() == Protocol.When.ALWAYS);
            boolean modelWork = !unclassified.isEmpty() || attfindDue;
            int classified = 0;
            if (!modelWork) {
                warnings.add("nothing new since the last run: no model work done");
            } else {
                try (EngineSession session = EngineSession.open(bundle, engine)) {
                    lap("engine");
                    classified = new Classification(ws, session).run(unclassified, auditRun, progress);
                    lap("classify");
                    if (attfindDue) {
                        AttFindRun.Outcome o;
                        try {
                            o = AttFindRun.run(ws, protocol.bundle(), session, attfindConfig(set.get().images()),
                                    auditProbes(ws, bundle.manifest().resolution()),
                                    "audit " + protocol.file().getFileName(), progress);
                        } catch (IllegalArgumentException e) {
                            // e.g. k larger than the bundle's searchable coordinates: the protocol does not fit.
                            throw new ProtocolMismatchException(protocol.file() + ": attfind: " + e.getMessage());
                        }
                        ledger.attfindDone(set.get().digest(), set.get().images(), o.runId());
                        lap("attfind");
                    }
                }
            }
            entry = set.isPresent() ? ledger.find(set.get().digest()) : Optional.empty();
            if (set.isEmpty()) {
                warnings.add("the workspace has no accepted images: nothing to analyse");
            }
            entry = outputs(entry, ledger, progress);
            long discoverRun = entry.map(StageLedger.Entry::discoverRun).orElse(-1L);
            List<RunSummary.ClassFindings> findings = discoverRun < 0 ? List.of()
                    : StoredFindings.of(ws.connection(), discoverRun, bundle.manifest().classNames());
            Map<String, Integer> byClass = new LinkedHashMap<>();
            new Predictions(ws.connection()).countsByClass(classifierSha)
                    .forEach((k, v) -> byClass.put(bundle.manifest().classNames().get(k), v));
            String outcome = ingest.hasRejections() ? "partial" : modelWork ? "ok" : "nothing-new";
            return new RunSummary(protocol.file().toString(), started.toString(), now().toString(), auditRun,
                    ingest.runId(), ingest.accepted(), ingest.rejected(), accepted.size(), classified, byClass,
                    modelWork, discoverRun, findings, entry.map(StageLedger.Entry::reportFile).orElse(null),
                    entry.map(StageLedger.Entry::studyDir).orElse(null), timings, outcome, warnings);
        }

        /** Writes whatever output of the current image set is still missing: report, study packet, STOW. */
        private Optional<StageLedger.Entry> outputs(Optional<StageLedger.Entry> entry, StageLedger ledger,
                Progress progress) throws AuditException, StoreException {
            if (entry.isEmpty() || entry.get().discoverRun() == null) {
                return entry;
            }
            StageLedger.Entry e = entry.get();
            LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            ReportStage stage = new ReportStage(ws, protocol.output());
            if (protocol.report().enabled() && e.reportFile() == null) {
                Path pdf = stage.report(e.discoverRun(), day, progress);
                ledger.reportDone(e.imageSet(), pdf.toString());
                lap("report");
            }
            if (protocol.study().enabled() && e.studyDir() == null) {
                // The seed comes from the image set, so a packet redone after a kill has the same items and order.
                long seed = Long.parseUnsignedLong(e.imageSet().substring(0, 15), 16);
                Path dir = stage.study(e.discoverRun(), day, protocol.study().reviewers().size(),
                        protocol.study().itemsPerAttribute(), seed, progress);
                ledger.studyDone(e.imageSet(), dir.toString());
                lap("study");
            }
            StageLedger.Entry now = ledger.find(e.imageSet()).orElseThrow();
            if (protocol.report().enabled() && now.reportFile() != null && !now.storedReport()) {
                if (source.storeReport(ws, Path.of(now.reportFile()), protocol.report().title(), warnings)) {
                    ledger.reportStored(e.imageSet());
                    lap("stow");
                }
            }
            return ledger.find(e.imageSet());
        }

        private Optional<ImageSet> imageSet(List<InstanceStore.Instance> accepted, String classifierSha) {
            if (accepted.isEmpty()) {
                return Optional.empty();
            }
            int n = Math.min(protocol.attfind().imagesPerRun(), accepted.size());
            if (n < protocol.attfind().imagesPerRun()) {
                warnings.add("attfind.images_per_run is " + protocol.attfind().imagesPerRun() + " but the workspace"
                        + " has " + accepted.size() + " accepted images: AttFind uses all of them");
            }
            return Optional.of(ImageSet.of(accepted.stream().map(InstanceStore.Instance::imageKey).toList(),
                    classifierSha, attfindConfig(n)));
        }

        private AttFindConfig attfindConfig(int images) {
            Protocol.AttFindOptions a = protocol.attfind();
            AttFindConfig.Method m = a.method() == Protocol.Method.SCREENED ? AttFindConfig.Method.SCREENED
                    : AttFindConfig.Method.EXHAUSTIVE;
            return AttFindConfig.defaults().withImages(images).withK(a.k()).withShift(a.shift()).withMethod(m)
                    .withBatch(engine.batchSize());
        }

        /** Marks audit rows a killed run left in status running; the lock proves no live run owns them. */
        private void interruptStaleRuns() throws StoreException {
            try (var ps = ws.connection().prepareStatement("UPDATE run SET status = 'interrupted', finished_at ="
                    + " CURRENT_TIMESTAMP WHERE command IN ('audit', 'ingest', 'discover') AND status = 'running'")) {
                ps.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new StoreException("cannot mark interrupted runs: " + e.getMessage(), e);
            }
        }

        private void lap(String stage) {
            long t = System.nanoTime();
            timings.merge(stage, Math.round((t - mark) / 1e7) / 100.0, Double::sum);
            mark = t;
        }

        private String json(Object o) throws AuditException {
            try {
                return JSON.writeValueAsString(o);
            } catch (JsonProcessingException e) {
                throw new AuditException("cannot record the run: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Returns the alignment probes of an audit: the fundus factor probes whenever the frames are large enough,
     * whether or not the archive has synth ground truth, because they name attributes in clinical terms.
     */
    private static List<ImageProbe> auditProbes(Workspace ws, int resolution) throws AttFindException {
        AlignmentProbes.Choice c = resolution >= AlignmentProbes.FUNDUS_MIN_RESOLUTION ? AlignmentProbes.Choice.FUNDUS
                : AlignmentProbes.Choice.COLOUR;
        return AlignmentProbes.choose(c, ws, resolution);
    }
}
