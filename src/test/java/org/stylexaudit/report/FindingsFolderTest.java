package org.stylexaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsFolderTest {

    @TempDir
    Path tmp;

    @Test
    void read_writtenFindings_roundTripsEqual() throws Exception {
        FindingsFolder f = FindingsFixture.write(tmp.resolve("a"));
        Path json = FindingsFolder.write(tmp.resolve("a"), f.findings());
        FindingsFolder back = FindingsFolder.read(json);
        assertEquals(f.findings(), back.findings());
        assertEquals(4, back.findings().attributes().size());
        assertEquals(5, back.findings().attributes().get(0).strips().get(0).frames().size());
    }

    @Test
    void read_missingFrame_namesTheFrame() throws Exception {
        FindingsFolder f = FindingsFixture.write(tmp.resolve("a"), 1, 4, 5, 7L);
        String name = f.findings().attributes().get(0).strips().get(1).frames().get(3).image();
        Files.delete(f.dir().resolve("frames").resolve(name));
        ReportException e = assertThrows(ReportException.class, () -> FindingsFolder.read(f.dir()));
        assertTrue(e.getMessage().contains(name), e.getMessage());
    }

    @Test
    void read_attributeWithUnknownClass_isRejected() throws Exception {
        FindingsFolder f = FindingsFixture.write(tmp.resolve("a"), 1, 4, 5, 7L);
        Path json = f.dir().resolve("findings.json");
        Files.writeString(json, Files.readString(json).replace("\"targetClass\" : \"glaucoma suspect\"",
                "\"targetClass\" : \"glaucoma\""));
        ReportException e = assertThrows(ReportException.class, () -> FindingsFolder.read(json));
        assertTrue(e.getMessage().contains("glaucoma"), e.getMessage());
    }

    @Test
    void frame_pathOutsideFolder_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Frame(0, 0.5, "../../etc/passwd"));
    }

    @Test
    void strip_withoutOriginal_isRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new CounterfactualStrip("k", List.of(new Frame(1, 0.5, "a.png"))));
    }
}
