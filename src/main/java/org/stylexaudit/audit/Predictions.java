package org.stylexaudit.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stylexaudit.store.StoreException;

/** The workspace's classifier predictions (table {@code prediction}), one row per image and classifier. */
public final class Predictions {

    private final Connection c;

    /** Creates the data access over a workspace connection. */
    public Predictions(Connection c) {
        this.c = c;
    }

    /** One stored prediction: the image's predicted class and every class probability. */
    public record Prediction(long instanceId, String imageKey, int predicted, List<Double> probabilities) {
    }

    /** Returns the ids of instances already classified by the classifier with this SHA-256. */
    public Set<Long> classifiedIds(String classifierSha) throws StoreException {
        Set<Long> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT instance_id FROM prediction WHERE classifier_sha256 = ?")) {
            ps.setString(1, classifierSha);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("cannot read predictions: " + e.getMessage(), e);
        }
    }

    /** Stores a batch in one transaction; MERGE on (image, classifier) makes a repeated batch a no-op. */
    public void save(String classifierSha, long auditRunId, List<Prediction> batch) throws StoreException {
        try {
            Transactions.commit(c, conn -> {
                try (PreparedStatement ps = conn.prepareStatement("MERGE INTO prediction(instance_id, "
                        + "classifier_sha256, image_key, predicted, probabilities, audit_run_id) "
                        + "KEY(instance_id, classifier_sha256) VALUES (?, ?, ?, ?, ?, ?)")) {
                    for (Prediction p : batch) {
                        ps.setLong(1, p.instanceId());
                        ps.setString(2, classifierSha);
                        ps.setString(3, p.imageKey());
                        ps.setInt(4, p.predicted());
                        ps.setString(5, p.probabilities().toString());
                        ps.setLong(6, auditRunId);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot store predictions: " + e.getMessage(), e);
        }
    }

    /** Returns image count per predicted class index for this classifier. */
    public Map<Integer, Integer> countsByClass(String classifierSha) throws StoreException {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT predicted, COUNT(*) FROM prediction "
                + "WHERE classifier_sha256 = ? GROUP BY predicted ORDER BY predicted")) {
            ps.setString(1, classifierSha);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getInt(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read predictions: " + e.getMessage(), e);
        }
    }
}
