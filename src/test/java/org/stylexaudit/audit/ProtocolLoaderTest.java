package org.stylexaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtocolLoaderTest {

    private static final Path FILE = Path.of("protocols", "x.yaml");

    private static final String VALID = """
            archive:
              folder: ../sample-studies
            workspace: ../ws
            bundle: ../sample-studies/bundle
            classes: [no_referable_dr, referable_dr]
            attfind:
              images_per_run: 72
              k: 8
            output: ../out
            """;

    @Test
    void parse_validProtocol_resolvesPathsAgainstFileFolder() throws Exception {
        Protocol p = ProtocolLoader.parse(FILE, VALID);
        Path base = FILE.toAbsolutePath().getParent();
        assertEquals(base.resolve("../ws").normalize(), p.workspace());
        assertEquals(base.resolve("../sample-studies").normalize(), p.archive().folder());
        assertEquals(8, p.attfind().k());
        assertEquals(72, p.attfind().imagesPerRun());
        assertEquals(Protocol.Method.EXHAUSTIVE, p.attfind().method());
        assertEquals(false, p.allowPatientData());
    }

    @Test
    void load_sampleProtocol_isValid() throws Exception {
        Protocol p = ProtocolLoader.load(Path.of("protocols", "sample-fundus.yaml"));
        assertEquals(java.util.List.of("no_referable_dr", "referable_dr"), p.classes());
        assertEquals(32, p.attfind().imagesPerRun());
        assertEquals(Protocol.Method.SCREENED, p.attfind().method());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'  k: 8'|'  k: eight'|attfind.k: must be an integer >= 1, got \"eight\"",
        "'  k: 8'|'  k: 0'|attfind.k: must be an integer >= 1, got 0",
        "'  k: 8'|'  k: 8\n  methd: screened'|attfind.methd: unknown key",
        "'  k: 8'|'  k: 8\n  method: random'|attfind.method: must be one of exhaustive, screened",
        "'  k: 8'|'  k: 8\n  shift: -1'|attfind.shift: must be a number > 0",
        "'output: ../out'|'outptu: ../out'|outptu: unknown key",
        "'classes: [no_referable_dr, referable_dr]'|'classes: [a]'|classes: must list at least 2",
        "'classes: [no_referable_dr, referable_dr]'|'classes: [a, 3]'|classes[1]: must be a non-empty string",
        "'  folder: ../sample-studies'|'  dicomweb: ftp://x'|archive.dicomweb: must be an http(s) URL",
        "'  folder: ../sample-studies'|'  folder: x\n  dicomweb: http://h/x'|archive: must give exactly one",
        "'workspace: ../ws'|'workspace: ../ws\nphi:\n  allow_patient_data: sure'|phi.allow_patient_data: must be true",
        "'workspace: ../ws'|''|workspace: is required",
        "'output: ../out'|'output: ../out\nreport:\n  store_to_archive: true'|report.store_to_archive: applies only to archive.dicomweb",
        "'output: ../out'|'output: ../out\nreport:\n  store_to_archive: yes please'|report.store_to_archive: must be true or false",
    })
    void parse_invalidField_namesFieldPath(String from, String to, String expected) {
        String text = VALID.replace(from, to.replace("\\n", "\n"));
        ProtocolException e = assertThrows(ProtocolException.class, () -> ProtocolLoader.parse(FILE, text));
        assertTrue(e.getMessage().startsWith(FILE + ": " + expected), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }

    @Test
    void parse_billionLaughs_isRefused() {
        StringBuilder y = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        ProtocolException e = assertThrows(ProtocolException.class, () -> ProtocolLoader.parse(FILE, y.toString()));
        assertTrue(e.getMessage().contains("not valid YAML within limits"), e.getMessage());
    }

    @Test
    void parse_deepNesting_isRefused() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        ProtocolException e = assertThrows(ProtocolException.class, () -> ProtocolLoader.parse(FILE, deep));
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    @Test
    void parse_duplicateKey_isRefused() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> ProtocolLoader.parse(FILE, VALID + "workspace: ../other\n"));
        assertTrue(e.getMessage().contains("workspace"), e.getMessage());
    }
}
