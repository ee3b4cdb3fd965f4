package org.stylexaudit.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes and reads {@link RunSummary} as JSON; writes go through a temporary file so readers never see half. */
public final class RunSummaryJson {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the summary to {@code file}, replacing it atomically. */
    public void write(RunSummary summary, Path file) throws AuditException {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".summary", ".json");
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                // createTempFile makes the file owner-only; monitoring often reads the summary as another user.
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            mapper.writeValue(tmp.toFile(), summary);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AuditException("cannot write run summary " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a summary written by {@link #write}. */
    public RunSummary read(Path file) throws AuditException {
        try {
            return mapper.readValue(file.toFile(), RunSummary.class);
        } catch (IOException e) {
            throw new AuditException("cannot read run summary " + file + ": " + e.getMessage(), e);
        }
    }
}
