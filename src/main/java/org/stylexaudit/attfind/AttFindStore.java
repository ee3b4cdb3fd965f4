package org.stylexaudit.attfind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * Stores AttFind results in the workspace (tables of {@code V3__attfind.sql}), tied to a run row, in one
 * transaction: a killed run leaves either all of its results or none.
 */
public final class AttFindStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Connection c;

    /** Creates the data access for a workspace. */
    public AttFindStore(Workspace ws) {
        this.c = ws.connection();
    }

    /**
     * What explain needs from a stored run.
     *
     * @param runId the run
     * @param bundlePath the bundle the run used
     * @param bundleSha256 SHA-256 of its bundle.json
     * @param method exhaustive or screened
     * @param shift the shift factor
     * @param classNames the classes
     * @param range per style coordinate, min and max over the run's images
     * @param columns the evaluated columns
     */
    public record StoredRun(long runId, String bundlePath, String bundleSha256, AttFindConfig.Method method,
            double shift, List<String> classNames, StyleRange range, List<EffectTable.Column> columns) {
    }

    /**
     * One stored image.
     *
     * @param index index in the run
     * @param styles its style vector
     * @param reconstructed class probabilities of its reconstruction
     * @param effects {@code effects[column][class]}
     */
    public record StoredImage(int index, float[] styles, float[] reconstructed, float[][] effects) {
    }

    /** Saves a result under {@code runId}. */
    public void save(long runId, String bundlePath, String bundleSha256, String classifierSha256, DiscoveryResult r)
            throws StoreException {
        boolean auto;
        try {
            auto = c.getAutoCommit();
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw new StoreException("cannot start a transaction: " + e.getMessage(), e);
        }
        try {
            insertRun(runId, bundlePath, bundleSha256, classifierSha256, r);
            insertColumns(runId, r.effects().columns());
            insertImages(runId, r);
            insertAttributes(runId, r.attributes());
            insertRankings(runId, r.rankings());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO attfind_sufficiency VALUES (?, ?, ?)")) {
                for (int k = 0; k < r.sufficiency().length; k++) {
                    ps.setLong(1, runId);
                    ps.setInt(2, k + 1);
                    ps.setDouble(3, r.sufficiency()[k]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO attfind_alignment VALUES (?, ?, ?, ?, ?)")) {
                for (FactorAlignment a : r.alignment()) {
                    ps.setLong(1, runId);
                    ps.setString(2, a.attributeId());
                    ps.setString(3, a.factor());
                    ps.setDouble(4, a.change());
                    ps.setDouble(5, a.rawChange());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException | JsonProcessingException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one to report
            }
            throw new StoreException("cannot store AttFind results of run " + runId + ": " + e.getMessage(), e);
        } finally {
            try {
                c.setAutoCommit(auto);
            } catch (SQLException ignored) {
                // the connection is unusable anyway if this fails
            }
        }
    }

    private void insertRun(long runId, String bundlePath, String bundleSha, String classifierSha, DiscoveryResult r)
            throws SQLException, JsonProcessingException {
        String sql = "INSERT INTO attfind_run VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int k = 1;
            ps.setLong(k++, runId);
            ps.setString(k++, bundlePath);
            ps.setString(k++, bundleSha);
            ps.setString(k++, classifierSha);
            ps.setString(k++, r.config().method().name().toLowerCase());
            ps.setInt(k++, r.images().size());
            ps.setInt(k++, r.stableCount());
            ps.setInt(k++, r.config().k());
            ps.setDouble(k++, r.config().shift());
            ps.setString(k++, JSON.writeValueAsString(r.config()));
            ps.setString(k++, JSON.writeValueAsString(r.classNames()));
            ps.setInt(k++, r.effects().columns().size() / (r.config().method() == AttFindConfig.Method.EXHAUSTIVE
                    ? 2 : 1));
            ps.setLong(k++, r.evaluations());
            ps.setDouble(k++, r.seconds());
            ps.setDouble(k++, r.reconstructionAgreement());
            ps.setDouble(k++, r.meanAbsProbabilityChange());
            ps.setDouble(k++, r.meanPsnr());
            ps.setBytes(k++, bytes(r.range().min()));
            ps.setBytes(k, bytes(r.range().max()));
            ps.executeUpdate();
        }
    }

    private void insertColumns(long runId, List<EffectTable.Column> columns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO attfind_column VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < columns.size(); i++) {
                ps.setLong(1, runId);
                ps.setInt(2, i);
                ps.setInt(3, columns.get(i).direction());
                ps.setInt(4, columns.get(i).coordinate());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertImages(long runId, DiscoveryResult r) throws SQLException {
        String sql = "INSERT INTO attfind_image VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            EncodedImages im = r.images();
            for (int i = 0; i < im.size(); i++) {
                int k = 1;
                ps.setLong(k++, runId);
                ps.setInt(k++, i);
                ps.setString(k++, im.keys().get(i));
                ps.setBoolean(k++, r.stable()[i]);
                ps.setInt(k++, im.predicted(i));
                ps.setDouble(k++, r.effects().largeEffectShare()[i]);
                ps.setDouble(k++, Math.min(99, im.psnr()[i]));
                ps.setBytes(k++, bytes(im.original()[i]));
                ps.setBytes(k++, bytes(im.reconstructed()[i]));
                ps.setBytes(k++, bytes(im.styles()[i]));
                ps.setBytes(k, bytes(flatten(r.effects().effects()[i])));
                ps.executeUpdate();
            }
        }
    }

    private void insertAttributes(long runId, List<Attribute> attributes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO attfind_attribute VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Attribute a : attributes) {
                int k = 1;
                ps.setLong(k++, runId);
                ps.setString(k++, a.id());
                ps.setInt(k++, a.targetClass());
                ps.setInt(k++, a.rank());
                ps.setInt(k++, a.direction());
                ps.setInt(k++, a.coordinate());
                ps.setInt(k++, a.styleIndex());
                ps.setString(k++, a.layer());
                ps.setInt(k++, a.channel());
                ps.setDouble(k++, a.meanEffect());
                ps.setDouble(k, a.shareAffected());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertRankings(long runId, List<ImageRanking> rankings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO attfind_ranking VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ImageRanking r : rankings) {
                for (int i = 0; i < r.entries().size(); i++) {
                    ImageRanking.Entry e = r.entries().get(i);
                    int k = 1;
                    ps.setLong(k++, runId);
                    ps.setInt(k++, r.image());
                    ps.setInt(k++, i + 1);
                    ps.setInt(k++, e.column().direction());
                    ps.setInt(k++, e.column().coordinate());
                    ps.setInt(k++, e.targetClass());
                    ps.setDouble(k++, e.before());
                    ps.setDouble(k, e.after());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Returns the newest run with AttFind results, if any. */
    public Optional<Long> latestRun() throws StoreException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(run_id) FROM attfind_run");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long id = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(id);
        } catch (SQLException e) {
            throw new StoreException("cannot read AttFind runs: " + e.getMessage(), e);
        }
    }

    /** Returns a stored run's parameters, range and columns. */
    public Optional<StoredRun> run(long runId) throws StoreException {
        try {
            StoredRun out = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT bundle_path, bundle_sha256, method, shift_factor,"
                    + " class_names, style_min, style_max FROM attfind_run WHERE run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    List<String> names = Arrays.asList(JSON.readValue(rs.getString(5), String[].class));
                    out = new StoredRun(runId, rs.getString(1), rs.getString(2),
                            AttFindConfig.Method.valueOf(rs.getString(3).toUpperCase()), rs.getDouble(4), names,
                            new StyleRange(floats(rs.getBytes(6)), floats(rs.getBytes(7))), columns(runId));
                }
            }
            return Optional.of(out);
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read AttFind run " + runId + ": " + e.getMessage(), e);
        }
    }

    private List<EffectTable.Column> columns(long runId) throws SQLException {
        List<EffectTable.Column> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT direction, coordinate FROM attfind_column WHERE run_id = ? ORDER BY col")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EffectTable.Column(rs.getInt(1), rs.getInt(2)));
                }
            }
        }
        return out;
    }

    /** Returns a stored image of a run by its key, if the run analysed it. */
    public Optional<StoredImage> image(long runId, String imageKey, int classes) throws StoreException {
        try (PreparedStatement ps = c.prepareStatement("SELECT idx, styles, reconstructed_probabilities, effects"
                + " FROM attfind_image WHERE run_id = ? AND image_key = ?")) {
            ps.setLong(1, runId);
            ps.setString(2, imageKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                float[] flat = floats(rs.getBytes(4));
                float[][] effects = new float[flat.length / classes][];
                for (int i = 0; i < effects.length; i++) {
                    effects[i] = Arrays.copyOfRange(flat, i * classes, (i + 1) * classes);
                }
                return Optional.of(new StoredImage(rs.getInt(1), floats(rs.getBytes(2)), floats(rs.getBytes(3)),
                        effects));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read AttFind image of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Returns a run's attributes, in id order. */
    public List<Attribute> attributes(long runId) throws StoreException {
        List<Attribute> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attribute_id, target_class, rank_, direction,"
                + " coordinate, style_index, layer, channel, mean_effect, share_affected FROM attfind_attribute"
                + " WHERE run_id = ? ORDER BY CAST(SUBSTRING(attribute_id, 2) AS INT)")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Attribute(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                            rs.getInt(6), rs.getString(7), rs.getInt(8), rs.getDouble(9), rs.getDouble(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read AttFind attributes of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** Returns a run's sufficiency curve (index k-1). */
    public double[] sufficiency(long runId) throws StoreException {
        List<Double> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT share_flipped FROM attfind_sufficiency WHERE run_id = ? ORDER BY k")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getDouble(1));
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        } catch (SQLException e) {
            throw new StoreException("cannot read AttFind sufficiency of run " + runId + ": " + e.getMessage(), e);
        }
    }

    static float[] flatten(float[][] rows) {
        int n = 0;
        for (float[] r : rows) {
            n += r.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] r : rows) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }

    static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    static float[] floats(byte[] b) {
        float[] v = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
