package org.stylexaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * Finds the findings of a workspace run.
 *
 * <p>Contract with AttFind (and {@code audit}): a run that produced findings puts {@code "findings": PATH} into its
 * run row's summary JSON, PATH being {@code findings.json} relative to the workspace folder (by convention
 * {@code runs/<run-id>/findings/findings.json}). A run without that key but with a file at the conventional place
 * is accepted too.
 */
public final class FindingsLocator {

    /** Summary JSON key naming the findings file. */
    public static final String SUMMARY_KEY = "findings";

    private FindingsLocator() {
    }

    /** Returns the conventional findings folder of a run: {@code WS/runs/<id>/findings}. */
    public static Path conventionalDir(Workspace ws, long runId) {
        return ws.dir().resolve("runs").resolve(Long.toString(runId)).resolve("findings");
    }

    /**
     * Returns the run id and findings file for {@code spec}, a run id or {@code latest} (the newest run with findings).
     *
     * @throws IllegalArgumentException when the spec is malformed or names a run without findings
     */
    public static Located locate(Workspace ws, String spec) throws StoreException {
        if ("latest".equalsIgnoreCase(spec)) {
            return latest(ws).orElseThrow(() -> new IllegalArgumentException(
                    "no run with findings in workspace " + ws.dir() + "; run AttFind (or audit) first, or pass --findings FILE"));
        }
        long id;
        try {
            id = Long.parseLong(spec);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--run expects a run id or 'latest', got '" + spec + "'");
        }
        String summary = summary(ws, id).orElseThrow(() ->
                new IllegalArgumentException("no run " + id + " in workspace " + ws.dir()));
        return findingsOf(ws, id, summary).orElseThrow(() ->
                new IllegalArgumentException("run " + id + " has no findings (no '" + SUMMARY_KEY
                        + "' in its summary and no " + conventionalDir(ws, id).resolve(FindingsFolder.FILE_NAME) + ")"));
    }

    private static Optional<Located> latest(Workspace ws) throws StoreException {
        try (PreparedStatement ps = ws.connection().prepareStatement("SELECT id, summary FROM run ORDER BY id DESC");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Optional<Located> l = findingsOf(ws, rs.getLong(1), rs.getString(2));
                if (l.isPresent()) {
                    return l;
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read runs: " + e.getMessage(), e);
        }
    }

    private static Optional<String> summary(Workspace ws, long id) throws StoreException {
        try (PreparedStatement ps = ws.connection().prepareStatement("SELECT summary FROM run WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1) == null ? "" : rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read run " + id + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Located> findingsOf(Workspace ws, long id, String summary) {
        Path declared = declared(summary);
        if (declared != null) {
            Path p = declared.isAbsolute() ? declared : ws.dir().resolve(declared);
            return Optional.of(new Located(id, p));
        }
        Path conventional = conventionalDir(ws, id).resolve(FindingsFolder.FILE_NAME);
        return Files.isRegularFile(conventional) ? Optional.of(new Located(id, conventional)) : Optional.empty();
    }

    private static Path declared(String summary) {
        if (summary == null || summary.isBlank()) {
            return null;
        }
        try {
            JsonNode n = FindingsFolder.mapper().readTree(summary).get(SUMMARY_KEY);
            return n != null && n.isTextual() ? Path.of(n.asText()) : null;
        } catch (IOException e) {
            // A summary that is not JSON cannot name findings; other commands own their summaries.
            return null;
        }
    }

    /** A run and its findings file. */
    public record Located(long runId, Path findingsFile) {
    }
}
