package org.stylexaudit.study;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Data access for the V4 study tables; every write happens inside the caller's transaction. */
final class StudyStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection c;

    StudyStore(Connection c) {
        this.c = c;
    }

    /** One item of the answer key. */
    record KeyItem(String packetId, int position, String code, String subject, String attributeId, String imageKey,
                   String correctClass) {
    }

    /** One packet row. */
    record Packet(String packetId, long studyId, int reviewerNo, String itemDigest, String importedAt,
                  String importedFileDigest) {
    }

    /** One stored answer joined with its key. */
    record Answer(String packetId, int position, String subject, String attributeId, String correctClass,
                  String chosenClass, String words, Integer confidence) {
    }

    long insertStudy(Long runId, String findingsDigest, List<String> classes, int reviewers, int items, long seed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO study(run_id, findings_digest, class_names, reviewers,"
                + " items_per_attribute, seed) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            if (runId == null) {
                ps.setNull(1, Types.BIGINT);
            } else {
                ps.setLong(1, runId);
            }
            ps.setString(2, findingsDigest);
            ps.setString(3, toJson(classes));
            ps.setInt(4, reviewers);
            ps.setInt(5, items);
            ps.setLong(6, seed);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    void insertPacket(String packetId, long studyId, int reviewerNo, String digest) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO study_packet(packet_id, study_id, reviewer_no, item_digest) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, packetId);
            ps.setLong(2, studyId);
            ps.setInt(3, reviewerNo);
            ps.setString(4, digest);
            ps.executeUpdate();
        }
    }

    void insertItem(KeyItem i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO study_item(packet_id, position, item_code, subject,"
                + " attribute_id, image_key, correct_class) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, i.packetId());
            ps.setInt(2, i.position());
            ps.setString(3, i.code());
            ps.setString(4, i.subject());
            ps.setString(5, i.attributeId());
            ps.setString(6, i.imageKey());
            ps.setString(7, i.correctClass());
            ps.executeUpdate();
        }
    }

    Optional<Packet> packet(String packetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT packet_id, study_id, reviewer_no, item_digest,"
                + " CAST(imported_at AS VARCHAR), imported_file_digest FROM study_packet WHERE packet_id = ?")) {
            ps.setString(1, packetId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Packet(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)));
            }
        }
    }

    List<KeyItem> items(String packetId) throws SQLException {
        List<KeyItem> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT packet_id, position, item_code, subject, attribute_id,"
                + " image_key, correct_class FROM study_item WHERE packet_id = ? ORDER BY position")) {
            ps.setString(1, packetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new KeyItem(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    List<String> classNames(long studyId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT class_names FROM study WHERE id = ?")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("study " + studyId + " vanished");
                }
                return fromJson(rs.getString(1));
            }
        }
    }

    Optional<Long> latestStudy() throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(id) FROM study")) {
            rs.next();
            long id = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(id);
        }
    }

    boolean studyExists(long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM study WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    int packetCount(long studyId, boolean importedOnly) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM study_packet WHERE study_id = ?"
                + (importedOnly ? " AND imported_at IS NOT NULL" : ""))) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    void markImported(String packetId, String fileDigest, String format) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE study_packet SET imported_at = CURRENT_TIMESTAMP,"
                + " imported_file_digest = ?, imported_format = ? WHERE packet_id = ? AND imported_at IS NULL")) {
            ps.setString(1, fileDigest);
            ps.setString(2, format);
            ps.setString(3, packetId);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("packet " + packetId + " was imported concurrently");
            }
        }
    }

    void insertAnswer(String packetId, int position, String chosen, String words, Integer confidence)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO study_answer(packet_id, position, chosen_class,"
                + " words, confidence) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, packetId);
            ps.setInt(2, position);
            ps.setString(3, chosen);
            ps.setString(4, words);
            if (confidence == null) {
                ps.setNull(5, Types.INTEGER);
            } else {
                ps.setInt(5, confidence);
            }
            ps.executeUpdate();
        }
    }

    List<Answer> answers(long studyId) throws SQLException {
        List<Answer> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.packet_id, a.position, i.subject, i.attribute_id,"
                + " i.correct_class, a.chosen_class, a.words, a.confidence FROM study_answer a"
                + " JOIN study_item i ON i.packet_id = a.packet_id AND i.position = a.position"
                + " JOIN study_packet p ON p.packet_id = a.packet_id WHERE p.study_id = ?"
                + " ORDER BY i.attribute_id, i.subject, a.packet_id")) {
            ps.setLong(1, studyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int conf = rs.getInt(8);
                    out.add(new Answer(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.wasNull() ? null : conf));
                }
            }
        }
        return out;
    }

    private static String toJson(List<String> l) {
        try {
            return JSON.writeValueAsString(l);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private static List<String> fromJson(String s) throws SQLException {
        try {
            return JSON.readValue(s, new TypeReference<List<String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("study class names are not a JSON list: " + e.getOriginalMessage(), e);
        }
    }
}
