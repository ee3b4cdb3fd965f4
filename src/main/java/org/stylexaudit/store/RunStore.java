package org.stylexaudit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Records each command run in the workspace: start, parameters, end status and summary. */
public final class RunStore {

    private final Connection c;

    RunStore(Connection c) {
        this.c = c;
    }

    /** Data of one run row. */
    public record Run(long id, String command, String status, String parameters, String summary) {
    }

    /** Inserts a run in status {@code running} and returns its id. */
    public long start(String command, String parametersJson) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO run(command, status, parameters) VALUES (?, 'running', ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, command);
            ps.setString(2, parametersJson);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record run start: " + e.getMessage(), e);
        }
    }

    /** Marks a run finished with a status ({@code ok}, {@code partial}, {@code failed}) and a JSON summary. */
    public void finish(long id, String status, String summaryJson) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE run SET status = ?, summary = ?, finished_at = CURRENT_TIMESTAMP WHERE id = ?")) {
            ps.setString(1, status);
            ps.setString(2, summaryJson);
            ps.setLong(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record run end: " + e.getMessage(), e);
        }
    }

    /** Returns one run by id. */
    public Optional<Run> find(long id) throws StoreException {
        return query("SELECT id, command, status, parameters, summary FROM run WHERE id = ?", id);
    }

    /** Returns the newest run of a command, if any. */
    public Optional<Run> latest(String command) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, command, status, parameters, summary FROM run WHERE command = ? ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, command);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("cannot read runs: " + e.getMessage(), e);
        }
    }

    private Optional<Run> query(String sql, long id) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return read(ps);
        } catch (SQLException e) {
            throw new StoreException("cannot read runs: " + e.getMessage(), e);
        }
    }

    private static Optional<Run> read(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
    }
}
