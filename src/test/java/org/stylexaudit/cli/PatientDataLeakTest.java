package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.attfind.AttFindFixtures;
import org.stylexaudit.report.PdfChecks;
import org.stylexaudit.synth.GroundTruth;
import org.stylexaudit.synth.GroundTruthRow;

/**
 * The whole chain on a synthetic DICOM archive whose files carry patient names, IDs, birth dates, accession numbers
 * and the institution: ingest, discover, report, study export, filled packets imported, score sheet. No identifier
 * of the ground truth may appear in any produced PDF, CSV, PNG, findings file or command output.
 */
class PatientDataLeakTest {

    @TempDir
    static Path tmp;

    private static final List<String> OUTPUT = new ArrayList<>();
    private static final Set<String> IDENTIFIERS = new LinkedHashSet<>();
    private static Path documents;

    private static ReportCommandTest.Result ok(String... args) {
        ReportCommandTest.Result r = ReportCommandTest.run(args);
        OUTPUT.add(r.out());
        OUTPUT.add(r.err());
        assertTrue(r.code() == ExitCodes.OK, String.join(" ", args) + " -> " + r.code() + ": " + r.err());
        return r;
    }

    @BeforeAll
    static void runTheChain() throws Exception {
        Path archive = tmp.resolve("archive");
        Path ws = tmp.resolve("ws");
        documents = tmp.resolve("documents");
        ok("synth", "--out", archive.toString(), "--count", "12", "--seed", "23", "--resolution", "128");
        ok("ingest", "--workspace", ws.toString(), "--source", archive.toString());
        Path bundle = AttFindFixtures.bundle(tmp.resolve("bundle"));
        ok("discover", "-w", ws.toString(), "-b", bundle.toString(), "-n", "12", "-k", "2", "-t", "1", "-q");
        ok("report", "-w", ws.toString(), "--run", "latest", "--out", documents.resolve("report.pdf").toString());
        Path packets = documents.resolve("packets");
        ok("study", "export", "-w", ws.toString(), "--run", "latest", "--reviewers", "2", "--items-per-attribute",
                "2", "--seed", "9", "--out", packets.toString());
        List<String> filled = new ArrayList<>();
        for (Path csv : list(packets, ".csv")) {
            // A reviewer's answers: every item filled, class by number, words and a confidence.
            Path out = documents.resolve("filled-" + csv.getFileName());
            Files.writeString(out, Files.readString(csv).replaceAll("(?m),,,$", ",2,warmer colour,4"));
            filled.add(out.toString());
        }
        List<String> args = new ArrayList<>(List.of("study", "import", "-w", ws.toString()));
        args.addAll(filled);
        ok(args.toArray(String[]::new));
        ok("study", "score", "-w", ws.toString(), "--out", documents.resolve("scores.pdf").toString());
        try (Stream<Path> s = Files.walk(ws.resolve("runs"))) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Path copy = documents.resolve("findings").resolve(ws.resolve("runs").relativize(f).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(f, copy);
            }
        }
        DateTimeFormatter dicomDate = DateTimeFormatter.BASIC_ISO_DATE;
        for (GroundTruthRow row : GroundTruth.read(archive.resolve(GroundTruth.FILE_NAME))) {
            if (!"dicom".equals(row.format())) {
                continue;
            }
            IDENTIFIERS.add(row.patient().id());
            IDENTIFIERS.add(row.patient().familyName());
            IDENTIFIERS.add(row.patient().givenName());
            IDENTIFIERS.add(row.patient().dicomName());
            IDENTIFIERS.add(row.patient().birthDate().format(dicomDate));
            IDENTIFIERS.add(row.patient().birthDate().toString());
            IDENTIFIERS.add(row.accessionNumber());
            IDENTIFIERS.add(row.studyInstanceUid());
            IDENTIFIERS.add(row.sopInstanceUid());
        }
        IDENTIFIERS.add("Synthetic Eye Clinic");
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void chain_producesEveryDocumentKind() throws IOException {
        assertTrue(IDENTIFIERS.size() > 20, "the archive has DICOM files with patient data: " + IDENTIFIERS);
        Path dicom = list(tmp.resolve("archive"), ".dcm").get(0);
        assertTrue(PdfChecks.leaks(dicom, List.copyOf(IDENTIFIERS)).size() >= 4,
                "the scan finds the identifiers where they are, so it can fail");
        assertEquals(2, list(documents, ".pdf").size() - list(documents.resolve("packets"), ".pdf").size(),
                "report, score sheet and one packet per reviewer: " + list(documents, ".pdf"));
        assertEquals(2, list(documents.resolve("packets"), ".pdf").size());
        assertTrue(list(documents, ".csv").size() >= 4, "packets and filled packets");
        assertTrue(list(documents, ".png").size() > 10, "frames and packet images");
        assertTrue(list(documents, ".json").size() >= 1, "findings.json");
    }

    @Test
    void documentsAndOutput_containNoPatientIdentifier_bytesAndPdfBoxText() throws IOException {
        List<String> needles = List.copyOf(IDENTIFIERS);
        try (Stream<Path> s = Files.walk(documents)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                assertEquals(List.of(), PdfChecks.leaks(f, needles), f.toString());
            }
        }
        String output = String.join("\n", OUTPUT).toLowerCase(Locale.ROOT);
        for (String id : needles) {
            assertTrue(!output.contains(id.toLowerCase(Locale.ROOT)), "command output names " + id);
        }
    }

    @Test
    @Tag("external")
    void pdfs_containNoPatientIdentifier_popplerText() throws Exception {
        for (Path pdf : list(documents, ".pdf")) {
            Process p = new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-").redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), text);
            assertTrue(text.length() > 100, "pdftotext read " + pdf);
            String lower = text.toLowerCase(Locale.ROOT);
            for (String id : IDENTIFIERS) {
                assertTrue(!lower.contains(id.toLowerCase(Locale.ROOT)), pdf + " shows " + id);
            }
        }
    }
}
