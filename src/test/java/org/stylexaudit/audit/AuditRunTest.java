package org.stylexaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.EngineOptions;

class AuditRunTest {

    private static final String EXHAUSTIVE = "attfind:\n  images_per_run: 100\n  k: 1\n  method: exhaustive\n";

    @TempDir
    Path tmp;

    private RunSummary audit(Path protocol) throws Exception {
        return new AuditRun(ProtocolLoader.load(protocol), Clock.systemUTC(), EngineOptions.cpu().withThreads(1))
                .run(Progress.NONE);
    }

    private Path setUp(int images, String attfind, String extra) throws Exception {
        AuditFixtures.archive(tmp.resolve("archive"), images, 5);
        AuditFixtures.bundle(tmp.resolve("bundle"));
        return AuditFixtures.protocol(tmp, attfind, extra);
    }

    @Test
    void run_newImages_classifiesThemFindsTheRedAttributeAndWritesTheReport() throws Exception {
        RunSummary s = audit(setUp(10, EXHAUSTIVE, ""));
        assertEquals(10, s.newImages());
        assertEquals(10, s.classified());
        assertTrue(s.modelWork());
        assertEquals(10, s.predictedByClass().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(List.of("other", "red"), s.findings().stream().map(RunSummary.ClassFindings::className).toList());
        // The classifier's logit for red is 1.2 (R - B): the attribute toward red raises R or lowers B.
        String red = s.findings().get(1).attributes().get(0).label();
        assertTrue(red.equals("b4_conv #0 +") || red.equals("b4_conv #2 -"), red);
        Path pdf = Path.of(s.report());
        assertTrue(pdf.getFileName().toString().matches("audit-report-\\d{4}-\\d{2}-\\d{2}\\.pdf"), pdf.toString());
        assertEquals("%PDF", new String(Files.readAllBytes(pdf), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(s.timings().containsKey("attfind") && s.timings().containsKey("report"), s.timings().toString());
        assertEquals(s, new RunSummaryJson().read(tmp.resolve("out").resolve(AuditRun.SUMMARY_FILE)));
        // The report's cover names the protocol that started the run, not the discover command.
        Path findings = tmp.resolve("ws").resolve("runs").resolve(Long.toString(s.discoverRun()))
                .resolve("findings").resolve("findings.json");
        String protocol = new com.fasterxml.jackson.databind.ObjectMapper().readTree(findings.toFile())
                .at("/run/protocol").asText();
        assertTrue(protocol.startsWith("audit ") && protocol.endsWith(".yaml"), protocol);
    }

    @Test
    void run_secondRunWithNothingNew_doesNoModelWorkAndKeepsTheFindings() throws Exception {
        Path p = setUp(8, EXHAUSTIVE, "");
        RunSummary first = audit(p);
        RunSummary second = audit(p);
        assertFalse(second.modelWork());
        assertEquals(0, second.classified());
        assertEquals("nothing-new", second.outcome());
        assertTrue(second.warnings().contains("nothing new since the last run: no model work done"));
        assertEquals(first.discoverRun(), second.discoverRun());
        assertEquals(first.findings(), second.findings());
        assertFalse(second.timings().containsKey("classify"), second.timings().toString());
    }

    @Test
    void run_whenAlways_rerunsAttFindWithoutClassifyingAgain() throws Exception {
        Path p = setUp(8, EXHAUSTIVE + "  when: always\n", "");
        RunSummary first = audit(p);
        RunSummary second = audit(p);
        assertTrue(second.modelWork());
        assertEquals(0, second.classified());
        assertNotEquals(first.discoverRun(), second.discoverRun());
        assertEquals(first.findings(), second.findings());
    }

    @Test
    void run_newImagesArrive_classifiesOnlyThoseAndAnalysesTheNewSet() throws Exception {
        Path p = setUp(8, EXHAUSTIVE, "");
        RunSummary first = audit(p);
        AuditFixtures.disc(tmp.resolve("archive").resolve("late.png"), 110, 220, 60, 40);
        RunSummary second = audit(p);
        assertEquals(1, second.newImages());
        assertEquals(1, second.classified());
        assertEquals(9, second.acceptedTotal());
        assertNotEquals(first.discoverRun(), second.discoverRun());
    }

    @Test
    void run_reviewersNamed_writesOnePacketEach() throws Exception {
        RunSummary s = audit(setUp(8, EXHAUSTIVE, "study:\n  reviewers: [ana, ben]\n  items_per_attribute: 2\n"));
        assertNotNull(s.study());
        try (var files = Files.list(Path.of(s.study()))) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".pdf")).count());
        }
    }

    @Test
    void run_bundleWithOtherClasses_failsNamingTheClassesField() throws Exception {
        Path p = setUp(2, EXHAUSTIVE, "");
        Files.writeString(p, Files.readString(p).replace("[other, red]", "[healthy, sick]"));
        AuditException e = assertThrows(ProtocolMismatchException.class, () -> audit(p));
        assertTrue(e.getMessage().contains("classes: the protocol names [healthy, sick] but the bundle's classifier"
                + " has [other, red]"), e.getMessage());
    }
}
