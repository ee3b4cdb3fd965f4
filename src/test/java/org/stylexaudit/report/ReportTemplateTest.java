package org.stylexaudit.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTemplateTest {

    @TempDir
    Path tmp;

    @Test
    void bundled_copies_matchRepositoryTemplates() throws Exception {
        for (String name : List.of("report.yaml", "study.yaml")) {
            try (InputStream in = ReportTemplate.class.getResourceAsStream("/org/stylexaudit/report/templates/" + name)) {
                assertArrayEquals(Files.readAllBytes(Path.of("templates", name)), in.readAllBytes(),
                        name + ": copy templates/ into src/main/resources/org/stylexaudit/report/templates/");
            }
        }
    }

    @Test
    void heading_withPlaceholder_isFilled() throws Exception {
        ReportTemplate t = ReportTemplate.bundled("report.yaml");
        assertEquals("Discovered attribute A7", t.heading("attributes", Map.of("id", "A7")));
        assertEquals(List.of("cover", "summary", "attributes", "images", "method", "appendix"), t.sections());
    }

    @Test
    void load_missingInGivenFolder_fails() {
        ReportException e = assertThrows(ReportException.class, () -> ReportTemplate.load("report.yaml", tmp));
        assertTrue(e.getMessage().contains(tmp.toString()));
    }

    @Test
    void load_invalidYaml_saysSo() throws Exception {
        Files.writeString(tmp.resolve("report.yaml"), "title: [unclosed\n");
        ReportException e = assertThrows(ReportException.class, () -> ReportTemplate.load("report.yaml", tmp));
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }
}
