package org.stylexaudit.ingest.dicomweb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * Holds basic-auth credentials for a DICOMweb archive. toString never shows the password so that credentials
 * cannot leak into logs or exception messages by accident.
 */
public record Credentials(String user, String password) {

    /** Environment variable suffix for the user name, e.g. STYLEX_DICOMWEB_USER. */
    public static final String USER_SUFFIX = "_USER";
    /** Environment variable suffix for the password, e.g. STYLEX_DICOMWEB_PASSWORD. */
    public static final String PASSWORD_SUFFIX = "_PASSWORD";
    /** Default environment variable prefix. */
    public static final String DEFAULT_PREFIX = "STYLEX_DICOMWEB";

    /** Creates credentials; both parts must be non-null. */
    public Credentials {
        if (user == null || password == null) {
            throw new IllegalArgumentException("user and password are required");
        }
    }

    /** Returns credentials from PREFIX_USER / PREFIX_PASSWORD, or null when the user variable is unset. */
    public static Credentials fromEnvironment(String prefix) {
        return fromMap(System.getenv(), prefix);
    }

    /** Returns credentials from a variable map (testable form of {@link #fromEnvironment}), or null. */
    static Credentials fromMap(Map<String, String> env, String prefix) {
        String user = env.get(prefix + USER_SUFFIX);
        if (user == null || user.isEmpty()) {
            return null;
        }
        return new Credentials(user, env.getOrDefault(prefix + PASSWORD_SUFFIX, ""));
    }

    /**
     * Reads credentials from a properties file with keys {@code user} and {@code password}.
     *
     * @throws DicomWebException if the file cannot be read or lacks a user; the message names the file only
     */
    public static Credentials fromFile(Path file) throws DicomWebException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new DicomWebException("cannot read credentials file " + file + ": " + e.getClass().getSimpleName());
        }
        String user = p.getProperty("user", "").strip();
        if (user.isEmpty()) {
            throw new DicomWebException("credentials file " + file + " has no 'user' entry");
        }
        return new Credentials(user, p.getProperty("password", "").strip());
    }

    /** Returns the HTTP Authorization header value. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}
