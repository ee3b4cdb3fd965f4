package org.stylexaudit.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Applies the versioned SQL files listed in {@code db/migration/index.txt} that a database has not applied yet.
 *
 * <p>The list is an index file rather than a class-path scan because folders inside a jar cannot be listed
 * portably. Each file runs in one transaction together with its row in {@code schema_version}, so a kill in the
 * middle leaves the database at the previous version.
 */
final class Migrations {

    private static final String ROOT = "/db/migration/";

    private Migrations() {
    }

    /** Applies every pending migration; returns the schema version reached. */
    static int apply(Connection c) throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, name VARCHAR(200) NOT NULL,"
                    + " applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP)");
        }
        java.util.Set<Integer> applied = appliedVersions(c);
        int reached = currentVersion(c);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (String file : index()) {
                int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
                // Versions are tracked as a set, not a high-water mark, so files written on parallel branches
                // (V3 landing after V4) are still applied.
                if (applied.contains(version)) {
                    continue;
                }
                try (Statement st = c.createStatement()) {
                    for (String sql : statements(read(file))) {
                        st.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schema_version(version, name) VALUES (?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, file);
                    ps.executeUpdate();
                }
                c.commit();
                reached = Math.max(reached, version);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return reached;
    }

    private static java.util.Set<Integer> appliedVersions(Connection c) throws SQLException {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> index() throws IOException {
        return lines(read("index.txt")).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toList());
    }

    private static String read(String name) throws IOException {
        try (InputStream in = Migrations.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IOException("migration resource missing from the build: " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> lines(String text) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))) {
            return r.lines().collect(Collectors.toList());
        }
    }

    /** Splits a script on semicolons at line ends; migration files keep one statement per such block. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
