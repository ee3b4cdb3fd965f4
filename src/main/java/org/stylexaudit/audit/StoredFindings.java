package org.stylexaudit.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.stylexaudit.store.StoreException;

/** Reads the attributes a discover run selected, per class in rank order, from the workspace's AttFind tables. */
public final class StoredFindings {

    private StoredFindings() {
    }

    /** Returns the run's attributes grouped by target class, in class order then rank. */
    public static List<RunSummary.ClassFindings> of(Connection c, long discoverRun, List<String> classNames)
            throws StoreException {
        List<RunSummary.ClassFindings> out = new ArrayList<>();
        String sql = "SELECT attribute_id, layer, channel, direction, mean_effect, share_affected FROM"
                + " attfind_attribute WHERE run_id = ? AND target_class = ? ORDER BY rank_";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < classNames.size(); k++) {
                ps.setLong(1, discoverRun);
                ps.setInt(2, k);
                List<RunSummary.Finding> list = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String label = rs.getString(2) + " #" + rs.getInt(3) + (rs.getInt(4) > 0 ? " +" : " -");
                        list.add(new RunSummary.Finding(rs.getString(1), label, round(rs.getDouble(5)),
                                round(rs.getDouble(6))));
                    }
                }
                out.add(new RunSummary.ClassFindings(classNames.get(k), list));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the findings of run " + discoverRun + ": " + e.getMessage(), e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
