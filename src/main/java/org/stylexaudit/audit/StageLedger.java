package org.stylexaudit.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.stylexaudit.store.StoreException;

/**
 * Which audit stages are complete for an image set (table {@code audit_stage}). Each stage records its result in
 * one statement after its output is in place, so a kill before that leaves the stage to be redone and a kill after
 * leaves it done; never half.
 */
final class StageLedger {

    /** Completed stages of one image set; null fields are still to do. */
    record Entry(String imageSet, int images, Long discoverRun, String reportFile, String studyDir,
            boolean storedReport) {
    }

    private final Connection c;

    StageLedger(Connection c) {
        this.c = c;
    }

    Optional<Entry> find(String imageSet) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement("SELECT image_set, images, discover_run_id, report_file,"
                + " study_dir, stored_report FROM audit_stage WHERE image_set = ?")) {
            ps.setString(1, imageSet);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(rs.getString(1), rs.getInt(2), (Long) rs.getObject(3),
                        rs.getString(4), rs.getString(5), rs.getBoolean(6)));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit stages: " + e.getMessage(), e);
        }
    }

    /** Records a finished AttFind run for the set and clears the later stages, which must follow the new run. */
    void attfindDone(String imageSet, int images, long discoverRun) throws StoreException {
        update("MERGE INTO audit_stage(image_set, images, discover_run_id, report_file, study_dir, stored_report,"
                + " updated_at) KEY(image_set) VALUES (?, ?, ?, NULL, NULL, FALSE, CURRENT_TIMESTAMP)",
                imageSet, images, discoverRun);
    }

    void reportDone(String imageSet, String file) throws StoreException {
        update("UPDATE audit_stage SET report_file = ?, updated_at = CURRENT_TIMESTAMP WHERE image_set = ?", file,
                imageSet);
    }

    void studyDone(String imageSet, String dir) throws StoreException {
        update("UPDATE audit_stage SET study_dir = ?, updated_at = CURRENT_TIMESTAMP WHERE image_set = ?", dir,
                imageSet);
    }

    void reportStored(String imageSet) throws StoreException {
        update("UPDATE audit_stage SET stored_report = TRUE, updated_at = CURRENT_TIMESTAMP WHERE image_set = ?",
                imageSet);
    }

    private void update(String sql, Object... args) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record an audit stage: " + e.getMessage(), e);
        }
    }
}
