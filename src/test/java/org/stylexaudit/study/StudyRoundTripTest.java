package org.stylexaudit.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;
import org.stylexaudit.report.FindingsFixture;
import org.stylexaudit.report.FindingsFolder;
import org.stylexaudit.report.PdfChecks;
import org.stylexaudit.report.ReportTemplate;
import org.stylexaudit.store.Workspace;

class StudyRoundTripTest {

    @TempDir
    Path tmp;
    @TempDir
    static Path shared;
    private static FindingsFolder findings;
    private Workspace ws;

    /** Draws the fixture once; every test exports from it into its own workspace. */
    @org.junit.jupiter.api.BeforeAll
    static void writeFindings() throws Exception {
        findings = FindingsFixture.write(shared.resolve("findings"));
    }

    @BeforeEach
    void setUp() throws Exception {
        ws = Workspace.open(tmp.resolve("ws"));
        FindingsFixture.plantCatalog(ws);
    }

    @org.junit.jupiter.api.AfterEach
    void tearDown() throws Exception {
        ws.close();
    }

    private ExportSummary export(int reviewers, int items) throws Exception {
        return new StudyExporter(ws, ReportTemplate.bundled("study.yaml"), Progress.NONE)
                .export(findings, null, new StudyConfig(reviewers, items, 11L), tmp.resolve("packets"));
    }

    /** Sets answers in a packet PDF as a reviewer would, and saves it as a new file. */
    static Path fillPdf(Path pdf, Path out, Map<String, String> values) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
            PDAcroForm f = d.getDocumentCatalog().getAcroForm();
            for (Map.Entry<String, String> e : values.entrySet()) {
                f.getField(e.getKey()).setValue(e.getValue());
            }
            d.save(out.toFile());
        }
        return out;
    }

    /** Returns answers choosing the correct class, except for {@code wrongFor}, whose items get the next class. */
    private Map<String, String> answers(String packetId, String wrongFor, String words) throws Exception {
        List<String> classes = FindingsFixture.CLASSES;
        Map<String, String> v = new HashMap<>();
        for (StudyStore.KeyItem k : new StudyStore(ws.connection()).items(packetId)) {
            int correct = classes.indexOf(k.correctClass());
            int chosen = k.attributeId().equals(wrongFor) ? (correct + 1) % classes.size() : correct;
            v.put(PacketFormat.classField(k.position()), PacketFormat.classExport(chosen));
            v.put(PacketFormat.confidenceField(k.position()), Integer.toString(1 + k.position() % 5));
            v.put(PacketFormat.wordsField(k.position()), words + " " + k.attributeId().toLowerCase() + "word");
        }
        return v;
    }

    @Test
    void export_threeReviewers_writesBlindedShuffledPacketsAndKeepsKeyInWorkspace() throws Exception {
        ExportSummary s = export(3, 2);
        assertEquals(3, s.packets().size());
        assertEquals(8, s.itemsPerPacket());
        List<List<String>> orders = new ArrayList<>();
        for (ExportSummary.PacketFiles p : s.packets()) {
            List<String> names = PdfChecks.fieldNames(p.pdf());
            assertTrue(names.containsAll(List.of("packet_id", "packet_digest", "item01_code", "item01_class",
                    "item01_words", "item01_confidence", "item08_confidence")), names.toString());
            assertFalse(names.contains("item09_code"));
            String text = PdfChecks.text(p.pdf()) + Files.readString(p.csv());
            // blinded: no attribute ids, style coordinates, probabilities or image keys in what reviewers get
            for (String secret : List.of("A1/", "b16_conv1", "p=0.", findings.findings().attributes().get(0)
                    .strips().get(0).imageKey().substring(0, 12))) {
                assertFalse(text.contains(secret), secret + " leaked into " + p.pdf());
            }
            assertEquals(8, Files.list(p.imageDir()).count());
            List<String> order = new ArrayList<>();
            for (StudyStore.KeyItem k : new StudyStore(ws.connection()).items(p.packetId())) {
                order.add(k.subject());
            }
            orders.add(order);
        }
        assertEquals(orders.get(0).stream().sorted().toList(), orders.get(1).stream().sorted().toList());
        assertNotEquals(orders.get(0), orders.get(1), "packets are shuffled independently");
    }

    @Test
    void import_filledPdfsAndCsv_scoreToKnownAnswers() throws Exception {
        ExportSummary s = export(3, 2);
        ExportSummary.PacketFiles p1 = s.packets().get(0);
        ExportSummary.PacketFiles p2 = s.packets().get(1);
        ExportSummary.PacketFiles p3 = s.packets().get(2);
        Path f1 = fillPdf(p1.pdf(), tmp.resolve("filled1.pdf"), answers(p1.packetId(), "", "larger pale cup"));
        Path f2 = fillPdf(p2.pdf(), tmp.resolve("filled2.pdf"), answers(p2.packetId(), "A2", "cup bigger"));
        Path f3 = fillCsv(p3, answers(p3.packetId(), "", "cup, yellow spots"));
        ImportResult r = new StudyImporter(ws).importFiles(List.of(f1, f2, f3));
        assertEquals(List.of(), r.rejected());
        assertEquals(3, r.imported().size());
        assertEquals(8, r.imported().get(0).answered());

        StudyScores scores = new StudyScorer(ws).score(null);
        assertEquals(3, scores.packetsImported());
        Map<String, StudyScores.AttributeScore> by = new HashMap<>();
        scores.attributes().forEach(a -> by.put(a.attributeId(), a));
        assertEquals(List.of("A1", "A2", "A3", "A4"), scores.attributes().stream().map(StudyScores.AttributeScore::attributeId).toList());
        assertEquals(6, by.get("A1").answered());
        assertEquals(6, by.get("A1").correct());
        assertEquals(4, by.get("A2").correct());
        assertEquals(WilsonInterval.of95(4, 6), by.get("A2").interval());
        // P(X >= 6 | n = 6, p = 1/3) = 3^-6
        assertEquals(Math.pow(1.0 / 3, 6), by.get("A1").pValue(), 1e-12);
        assertEquals(BinomialTest.upperTail(4, 6, 1.0 / 3), by.get("A2").pValue(), 1e-12);
        // kappa from the known answer table: 6 subjects all-agree on their target, 2 subjects (A2) split 2:1
        int[][] table = new int[8][3];
        int row = 0;
        for (var a : findings.findings().attributes()) {
            int t = FindingsFixture.CLASSES.indexOf(a.targetClass());
            for (int i = 0; i < 2; i++, row++) {
                if (a.id().equals("A2")) {
                    table[row][t] = 2;
                    table[row][(t + 1) % 3] = 1;
                } else {
                    table[row][t] = 3;
                }
            }
        }
        assertEquals(FleissKappa.of(table), scores.kappa(), 1e-12);
        assertEquals(8, scores.kappaItems());
        // everyone chose the one target class for A1: chance agreement is 1, so kappa is undefined
        assertTrue(Double.isNaN(by.get("A1").kappa()));
        assertEquals(List.of("a1word (6)", "cup (6)", "bigger (2)", "larger (2)", "pale (2)"), by.get("A1").topWords());
        assertTrue(by.get("A3").topWords().contains("a3word (6)"), by.get("A3").topWords().toString());

        Path sheet = tmp.resolve("scores.pdf");
        new ScoreSheetWriter(ReportTemplate.bundled("study.yaml")).write(scores, sheet);
        String text = PdfChecks.text(sheet);
        assertTrue(text.contains("4 / 6"), text);
        assertTrue(text.contains("Fleiss' kappa"), text);
        assertEquals(List.of(), PdfChecks.leaks(sheet, FindingsFixture.PHI));
    }

    private Path fillCsv(ExportSummary.PacketFiles p, Map<String, String> v) throws Exception {
        List<List<String>> rows = Csv.parse(Files.readString(p.csv()));
        StringBuilder sb = new StringBuilder(Csv.row(rows.get(0)));
        for (List<String> r : rows.subList(1, rows.size())) {
            int pos = Integer.parseInt(r.get(2));
            int cls = Integer.parseInt(v.get(PacketFormat.classField(pos)).substring(1));
            List<String> out = new ArrayList<>(r);
            // reviewers may write the class name or its number
            out.set(5, pos % 2 == 0 ? FindingsFixture.CLASSES.get(cls - 1) : Integer.toString(cls));
            out.set(6, v.get(PacketFormat.wordsField(pos)));
            out.set(7, v.get(PacketFormat.confidenceField(pos)));
            sb.append(Csv.row(out));
        }
        Path f = tmp.resolve("filled-" + p.packetId() + ".csv");
        Files.writeString(f, sb.toString(), StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void import_duplicateAlteredAndForeignPackets_areRefused() throws Exception {
        ExportSummary s = export(2, 1);
        ExportSummary.PacketFiles p1 = s.packets().get(0);
        ExportSummary.PacketFiles p2 = s.packets().get(1);
        Path ok = fillPdf(p1.pdf(), tmp.resolve("ok.pdf"), answers(p1.packetId(), "", "cup"));
        Path dup = Files.copy(ok, tmp.resolve("dup.pdf"));
        Map<String, String> changed = answers(p2.packetId(), "", "x");
        String otherCode = new StudyStore(ws.connection()).items(p1.packetId()).get(0).code();
        changed.put(PacketFormat.codeField(2), otherCode);
        Path altered = fillPdf(p2.pdf(), tmp.resolve("altered.pdf"), changed);
        Map<String, String> foreign = answers(p2.packetId(), "", "x");
        foreign.put(PacketFormat.PACKET_ID, "P-ZZZZZZZZZZ");
        Path foreignPdf = fillPdf(p2.pdf(), tmp.resolve("foreign.pdf"), foreign);
        List<String> csvLines = new ArrayList<>(Files.readAllLines(p2.csv()));
        csvLines.remove(csvLines.size() - 1);
        Path shortCsv = Files.write(tmp.resolve("short.csv"), csvLines);

        ImportResult r = new StudyImporter(ws).importFiles(List.of(ok, dup, altered, foreignPdf, shortCsv));
        assertEquals(1, r.imported().size());
        assertEquals(4, r.rejected().size());
        assertTrue(r.rejected().get(0).reason().contains("already imported"), r.rejected().get(0).reason());
        assertTrue(r.rejected().get(1).reason().contains("was altered"), r.rejected().get(1).reason());
        assertTrue(r.rejected().get(1).reason().contains("item 2"), r.rejected().get(1).reason());
        assertTrue(r.rejected().get(2).reason().contains("P-ZZZZZZZZZZ"), r.rejected().get(2).reason());
        assertTrue(r.rejected().get(2).reason().contains("not exported from this workspace"));
        assertTrue(r.rejected().get(3).reason().contains("was altered"), r.rejected().get(3).reason());
        // refused files stored nothing: packet 2 can still be imported intact
        Path good2 = fillPdf(p2.pdf(), tmp.resolve("good2.pdf"), answers(p2.packetId(), "", "cup"));
        assertEquals(1, new StudyImporter(ws).importFiles(List.of(good2)).imported().size());
        assertEquals(2, new StudyScorer(ws).score(null).packetsImported());
    }

    @Test
    void import_packetFromAnotherWorkspace_isForeign() throws Exception {
        ExportSummary s = export(1, 1);
        Path filled = fillPdf(s.packets().get(0).pdf(), tmp.resolve("f.pdf"), answers(s.packets().get(0).packetId(), "", "c"));
        try (Workspace other = Workspace.open(tmp.resolve("other"))) {
            ImportResult r = new StudyImporter(other).importFiles(List.of(filled));
            assertEquals(1, r.rejected().size());
            assertTrue(r.rejected().get(0).reason().contains("foreign"), r.rejected().get(0).reason());
        }
    }

    @Test
    void import_invalidConfidenceInCsv_isRefusedNamingItem() throws Exception {
        ExportSummary s = export(1, 1);
        ExportSummary.PacketFiles p = s.packets().get(0);
        Map<String, String> v = answers(p.packetId(), "", "c");
        v.put(PacketFormat.confidenceField(3), "7");
        ImportResult r = new StudyImporter(ws).importFiles(List.of(fillCsv(p, v)));
        assertTrue(r.rejected().get(0).reason().contains("item 3: confidence must be 1-5"), r.rejected().get(0).reason());
    }

    @Test
    void export_withPlantedPhi_leaksNothingIntoPdfOrCsv() throws Exception {
        ExportSummary s = export(2, 3);
        for (ExportSummary.PacketFiles p : s.packets()) {
            assertEquals(List.of(), PdfChecks.leaks(p.pdf(), FindingsFixture.PHI));
            assertEquals(List.of(), PdfChecks.leaks(p.csv(), FindingsFixture.PHI));
            try (var images = Files.list(p.imageDir())) {
                for (Path img : images.toList()) {
                    assertEquals(List.of(), PdfChecks.leaks(img, FindingsFixture.PHI), img.toString());
                }
            }
        }
    }
}
