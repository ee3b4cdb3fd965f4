package org.stylexaudit.attfind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.BundleManifest;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.train.stylex.ImageProbe;

/**
 * The {@code discover} stage as a recorded run: a {@code discover} run row, the search, its results stored in the
 * workspace, and the findings folder {@code WS/runs/<id>/findings/} named in the run's summary.
 */
public final class AttFindRun {

    /** The command name recorded in the run table. */
    public static final String COMMAND = "discover";

    private AttFindRun() {
    }

    /**
     * What a recorded run produced.
     *
     * @param runId the run row
     * @param result the search result
     * @param findings the findings.json written
     */
    public record Outcome(long runId, DiscoveryResult result, Path findings) {
    }

    /** Runs discovery on the session's bundle (loaded from {@code bundlePath}) and records everything. */
    public static Outcome run(Workspace ws, Path bundlePath, EngineSession session, AttFindConfig config,
            List<ImageProbe> probes, Progress progress) throws AttFindException, StoreException {
        return run(ws, bundlePath, session, config, probes, "discover (command line)", progress);
    }

    /**
     * Runs discovery as {@link #run(Workspace, Path, EngineSession, AttFindConfig, List, Progress)} does, naming
     * {@code protocol} (what started the run: a protocol file, or the command line) in the findings, where the
     * report's cover shows it.
     */
    public static Outcome run(Workspace ws, Path bundlePath, EngineSession session, AttFindConfig config,
            List<ImageProbe> probes, String protocol, Progress progress) throws AttFindException, StoreException {
        ObjectMapper json = new ObjectMapper();
        long runId;
        try {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("bundle", bundlePath.toAbsolutePath().toString());
            params.put("config", config);
            params.put("device", session.device());
            runId = ws.runs().start(COMMAND, json.writeValueAsString(params));
        } catch (JsonProcessingException e) {
            throw new AttFindException("cannot record the run parameters: " + e.getMessage(), e);
        }
        try {
            DiscoveryResult r = new Discovery(session, config, probes).run(ws, progress);
            String bundleSha = bundleSha(bundlePath);
            String classifierSha = session.bundle().manifest().files().get(BundleManifest.CLASSIFIER);
            new AttFindStore(ws).save(runId, bundlePath.toAbsolutePath().toString(), bundleSha, classifierSha, r);
            Path dir = ws.dir().resolve("runs").resolve(Long.toString(runId)).resolve("findings");
            progress.start("writing findings", -1);
            Path file = new FindingsWriter(session).write(dir, runId, r,
                    new FindingsWriter.Provenance(classifierSha, bundleSha, protocol));
            progress.finish();
            Map<String, Object> summary = new LinkedHashMap<>(FindingsWriter.summaryFields(ws.dir(), file));
            summary.put("images", r.images().size());
            summary.put("stable", r.stableCount());
            summary.put("attributes", r.attributes().size());
            summary.put("evaluations", r.evaluations());
            summary.put("seconds", r.seconds());
            summary.put("notes", r.notes());
            ws.runs().finish(runId, "ok", json.writeValueAsString(summary));
            return new Outcome(runId, r, file);
        } catch (AttFindException | StoreException | RuntimeException | JsonProcessingException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            try {
                ws.runs().finish(runId, "failed", json.writeValueAsString(Map.of("error", msg)));
            } catch (JsonProcessingException | StoreException ignored) {
                // the original failure is the one to report
            }
            if (e instanceof AttFindException a) {
                throw a;
            } else if (e instanceof StoreException st) {
                throw st;
            } else if (e instanceof RuntimeException rt) {
                throw rt;
            }
            throw new AttFindException("cannot write the run summary: " + msg, e);
        }
    }

    /** Returns the SHA-256 of bundle.json (or of the zip file), which in turn pins every network's SHA-256. */
    static String bundleSha(Path bundlePath) throws AttFindException {
        Path file = Files.isDirectory(bundlePath) ? bundlePath.resolve("bundle.json") : bundlePath;
        try {
            return Digests.sha256Hex(file);
        } catch (IOException e) {
            throw new AttFindException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }
}
