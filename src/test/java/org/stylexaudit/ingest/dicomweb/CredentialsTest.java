package org.stylexaudit.ingest.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @Test
    void fromMap_readsPrefixedVariables() {
        Credentials c = Credentials.fromMap(
                Map.of("PACS_USER", "audit", "PACS_PASSWORD", "s3cret"), "PACS");
        assertEquals(new Credentials("audit", "s3cret"), c);
        assertNull(Credentials.fromMap(Map.of("PACS_PASSWORD", "x"), "PACS"));
    }

    @Test
    void fromFile_readsProperties(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pacs.properties");
        Files.writeString(f, "user = audit\npassword = s3cret\n");
        Credentials c = Credentials.fromFile(f);
        assertEquals("audit", c.user());
        assertEquals("s3cret", c.password());
        assertEquals("Basic YXVkaXQ6czNjcmV0", c.basicHeader());
    }

    @Test
    void fromFile_missingUserNamesFileOnly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.properties");
        Files.writeString(f, "password = s3cret\n");
        var e = assertThrows(DicomWebException.class, () -> Credentials.fromFile(f));
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    void toString_hidesPassword() {
        assertFalse(new Credentials("audit", "s3cret").toString().contains("s3cret"));
    }
}
