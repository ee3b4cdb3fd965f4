package org.stylexaudit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalog of files seen in archive sources and of the images accepted from them. */
public final class InstanceStore {

    /** Status of an instance that was decoded and normalised into the cache. */
    public static final String ACCEPTED = "accepted";
    /** Status of an instance that could not be used; {@code rejectionReason} says why. */
    public static final String REJECTED = "rejected";

    private final Connection c;

    InstanceStore(Connection c) {
        this.c = c;
    }

    /** One catalog row, as written by ingest. */
    public record Instance(long id, long sourceId, String sourcePath, long fileSize, long fileMtime,
                           String contentDigest, String imageKey, String studyKey, String format, String sopClass,
                           String transferSyntax, Integer rows, Integer columns, Integer frames, String laterality,
                           String status, String rejectionReason, String cachePath) {
    }

    /** Returns the id of a source, inserting it when new. */
    public long sourceId(String kind, String location) throws StoreException {
        try {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM source WHERE kind = ? AND location = ?")) {
                ps.setString(1, kind);
                ps.setString(2, location);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO source(kind, location) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, kind);
                ps.setString(2, location);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record source " + location + ": " + e.getMessage(), e);
        }
    }

    /** Returns the locations of the sources of one kind (e.g. the folders ingested), in the order first seen. */
    public List<String> sourceLocations(String kind) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement("SELECT location FROM source WHERE kind = ? ORDER BY id")) {
            ps.setString(1, kind);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the source list: " + e.getMessage(), e);
        }
    }

    /** Returns the row for a path in a source, if it was seen before. */
    public Optional<Instance> findByPath(long sourceId, String sourcePath) throws StoreException {
        List<Instance> l = select("WHERE source_id = ? AND source_path = ?", ps -> {
            ps.setLong(1, sourceId);
            ps.setString(2, sourcePath);
        });
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Returns the accepted instances, oldest first. */
    public List<Instance> accepted() throws StoreException {
        return select("WHERE status = 'accepted' ORDER BY id", ps -> { });
    }

    /** Returns every row, oldest first. */
    public List<Instance> all() throws StoreException {
        return select("ORDER BY id", ps -> { });
    }

    /** Returns an accepted instance by its image key, if present. */
    public Optional<Instance> byImageKey(String imageKey) throws StoreException {
        List<Instance> l = select("WHERE image_key = ? AND status = 'accepted' ORDER BY id", ps -> ps.setString(1, imageKey));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * Inserts or replaces the row of {@code i.sourcePath()} in its source in one statement, so a re-ingest of a
     * changed file updates it in place and a killed run never leaves two rows for one path.
     */
    public void upsert(Instance i, long runId) throws StoreException {
        String sql = "MERGE INTO instance(source_id, source_path, file_size, file_mtime, content_digest, image_key,"
                + " study_key, format, sop_class, transfer_syntax, rows_, columns_, frames, laterality, status,"
                + " rejection_reason, cache_path, run_id) KEY(source_id, source_path)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int k = 1;
            ps.setLong(k++, i.sourceId());
            ps.setString(k++, i.sourcePath());
            ps.setLong(k++, i.fileSize());
            ps.setLong(k++, i.fileMtime());
            ps.setString(k++, i.contentDigest());
            ps.setString(k++, i.imageKey());
            ps.setString(k++, i.studyKey());
            ps.setString(k++, i.format());
            ps.setString(k++, i.sopClass());
            ps.setString(k++, i.transferSyntax());
            setInt(ps, k++, i.rows());
            setInt(ps, k++, i.columns());
            setInt(ps, k++, i.frames());
            ps.setString(k++, i.laterality());
            ps.setString(k++, i.status());
            ps.setString(k++, i.rejectionReason());
            ps.setString(k++, i.cachePath());
            ps.setLong(k, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record " + i.sourcePath() + ": " + e.getMessage(), e);
        }
    }

    private static void setInt(PreparedStatement ps, int k, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(k, Types.INTEGER);
        } else {
            ps.setInt(k, v);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Instance> select(String where, Binder binder) throws StoreException {
        String sql = "SELECT id, source_id, source_path, file_size, file_mtime, content_digest, image_key, study_key,"
                + " format, sop_class, transfer_syntax, rows_, columns_, frames, laterality, status, rejection_reason,"
                + " cache_path FROM instance " + where;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Instance> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Instance(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.getString(11), (Integer) rs.getObject(12), (Integer) rs.getObject(13),
                            (Integer) rs.getObject(14), rs.getString(15), rs.getString(16), rs.getString(17),
                            rs.getString(18)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the instance catalog: " + e.getMessage(), e);
        }
    }
}
