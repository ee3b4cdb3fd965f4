package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.report.FindingsFixture;

class StudyCommandTest {

    @TempDir
    Path tmp;

    @Test
    void study_exportImportScore_throughTheEntryPoint() throws Exception {
        Path ws = ReportCommandTest.workspaceWithFindings(tmp);
        Path out = tmp.resolve("packets");
        ReportCommandTest.Result ex = ReportCommandTest.run("study", "export", "--workspace", ws.toString(),
                "--run", "latest", "--reviewers", "2", "--items-per-attribute", "1", "--seed", "5", "--out", out.toString());
        assertEquals(0, ex.code(), ex.err());
        assertTrue(ex.out().contains("2 packets of 4 items"), ex.out());
        List<Path> csvs;
        try (Stream<Path> s = Files.list(out)) {
            csvs = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertEquals(2, csvs.size());
        Path foreign = tmp.resolve("foreign.csv");
        Files.writeString(foreign, Files.readString(csvs.get(1)).replaceAll("P-[A-Z0-9]{10}", "P-AAAAAAAAAA"));

        ReportCommandTest.Result im = ReportCommandTest.run("study", "import", "--workspace", ws.toString(),
                csvs.get(0).toString(), foreign.toString());
        assertEquals(ExitCodes.PARTIAL, im.code(), im.out() + im.err());
        assertTrue(im.out().contains("1 imported, 1 refused"), im.out());
        assertTrue(im.err().contains("P-AAAAAAAAAA"), im.err());

        ReportCommandTest.Result again = ReportCommandTest.run("study", "import", "-w", ws.toString(), csvs.get(0).toString());
        assertEquals(ExitCodes.PARTIAL, again.code());
        assertTrue(again.err().contains("already imported"), again.err());

        Path pdf = tmp.resolve("scores.pdf");
        ReportCommandTest.Result sc = ReportCommandTest.run("study", "score", "-w", ws.toString(), "--out", pdf.toString());
        assertEquals(0, sc.code(), sc.err());
        assertTrue(sc.out().contains("1 of 2 packets imported"), sc.out());
        assertTrue(Files.size(pdf) > 0);
        String all = ex.out() + ex.err() + im.out() + im.err() + sc.out() + sc.err();
        assertTrue(FindingsFixture.PHI.stream().noneMatch(all::contains), all);
    }

    @Test
    void study_withoutSubcommand_exitsUsage() {
        ReportCommandTest.Result r = ReportCommandTest.run("study");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("export, import or score"), r.err());
    }

    @Test
    void studyScore_emptyWorkspace_saysExportFirst() {
        ReportCommandTest.Result r = ReportCommandTest.run("study", "score", "-w", tmp.resolve("ws").toString());
        assertEquals(ExitCodes.FAILURE, r.code());
        assertTrue(r.err().contains("study export"), r.err());
    }
}
