package org.stylexaudit.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.stylexaudit.common.Digests;

/**
 * An audit workspace folder: the H2 catalog database, a cache of normalised images, and the workspace secret
 * used to key images.
 *
 * <pre>{@code
 * try (Workspace ws = Workspace.open(Path.of("ws"))) {
 *     long run = ws.runs().start("ingest", "{}");
 * }
 * }</pre>
 */
public final class Workspace implements AutoCloseable {

    /** File name stem of the H2 database inside the workspace. */
    public static final String DB_NAME = "catalog";

    private final Path dir;
    private final Connection connection;
    private final byte[] secret;

    private Workspace(Path dir, Connection connection, byte[] secret) {
        this.dir = dir;
        this.connection = connection;
        this.secret = secret;
    }

    /** Opens the workspace at {@code dir}, creating the folder, database and cache if missing, and migrates it. */
    public static Workspace open(Path dir) throws StoreException {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs.resolve("cache"));
        } catch (IOException e) {
            throw new StoreException("cannot create workspace folder " + abs + ": " + e.getMessage(), e);
        }
        // WRITE_DELAY=0: H2's default delays commits by 500 ms, and a kill in that window loses them.
        String url = "jdbc:h2:file:" + abs.resolve(DB_NAME) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        Connection c = null;
        try {
            c = DriverManager.getConnection(url, "sa", "");
            Migrations.apply(c);
            byte[] secret = loadOrCreateSecret(c);
            return new Workspace(abs, c, secret);
        } catch (SQLException | IOException e) {
            closeQuietly(c);
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            if (reason.contains("already in use") || reason.contains("locked by another process")) {
                throw new StoreException("workspace " + abs + " is in use by another process", e);
            }
            throw new StoreException("cannot open workspace " + abs + ": " + reason, e);
        }
    }

    private static byte[] loadOrCreateSecret(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM workspace_key WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                return rs.getBytes(1);
            }
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO workspace_key(id, secret) VALUES (1, ?)")) {
            ps.setBytes(1, secret);
            ps.executeUpdate();
        }
        return secret;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    /** Returns the workspace folder. */
    public Path dir() {
        return dir;
    }

    /** Returns the folder holding normalised images and other derived files. */
    public Path cacheDir() {
        return dir.resolve("cache");
    }

    /** Returns the open database connection; callers must not close it. */
    public Connection connection() {
        return connection;
    }

    /** Returns the keyed hash of an identifier (a UID or a digest) under this workspace's secret. */
    public String key(String identifier) {
        return Digests.hmacHex(secret, identifier);
    }

    /** Returns the run table's data access. */
    public RunStore runs() {
        return new RunStore(connection);
    }

    /** Returns the instance catalog's data access. */
    public InstanceStore instances() {
        return new InstanceStore(connection);
    }

    /** Returns the schema version this workspace is at. */
    public int schemaVersion() throws StoreException {
        try {
            return Migrations.currentVersion(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot read schema version: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws StoreException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close workspace " + dir + ": " + e.getMessage(), e);
        }
    }
}
