package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.report.FindingsFixture;
import org.stylexaudit.report.FindingsLocator;
import org.stylexaudit.report.PdfChecks;
import org.stylexaudit.store.Workspace;

class ReportCommandTest {

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Creates a workspace with an "attfind" run whose summary names its findings, as AttFind will. */
    static Path workspaceWithFindings(Path tmp) throws Exception {
        Path wsDir = tmp.resolve("ws");
        try (Workspace ws = Workspace.open(wsDir)) {
            FindingsFixture.plantCatalog(ws);
            long id = ws.runs().start("attfind", "{}");
            FindingsFixture.write(FindingsLocator.conventionalDir(ws, id));
            ws.runs().finish(id, "ok", "{\"findings\": \"runs/" + id + "/findings/findings.json\"}");
            ws.runs().finish(ws.runs().start("ingest", "{}"), "ok", "{\"accepted\": 3}");
        }
        return wsDir;
    }

    @Test
    void report_findingsFile_writesPdf() throws Exception {
        FindingsFixture.write(tmp.resolve("f"), 2, 4, 5, 5L);
        Path pdf = tmp.resolve("r.pdf");
        Result r = run("report", "--findings", tmp.resolve("f/findings.json").toString(), "--out", pdf.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2 attributes"), r.out());
        assertTrue(PdfChecks.text(pdf).contains("Discovered attribute A2"));
    }

    @Test
    void report_workspaceLatest_usesNewestRunWithFindingsAndLeaksNoPhi() throws Exception {
        Path ws = workspaceWithFindings(tmp);
        Path pdf = tmp.resolve("out/report.pdf");
        Result r = run("report", "--workspace", ws.toString(), "--run", "latest", "--out", pdf.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("4 attributes"), r.out());
        assertEquals(List.of(), PdfChecks.leaks(pdf, FindingsFixture.PHI));
        assertTrue(PdfChecks.pageText(pdf, 1).contains("Run id 1"), "cover names the located run");
        assertTrue(FindingsFixture.PHI.stream().noneMatch(p -> (r.out() + r.err()).contains(p)));
        Result byId = run("report", "-w", ws.toString(), "-r", "1", "-o", tmp.resolve("r1.pdf").toString());
        assertEquals(0, byId.code(), byId.err());
    }

    @Test
    void report_runWithoutFindings_exitsUsage() throws Exception {
        Path ws = workspaceWithFindings(tmp);
        Result r = run("report", "--workspace", ws.toString(), "--run", "2", "--out", tmp.resolve("x.pdf").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("run 2 has no findings"), r.err());
        Result bad = run("report", "--workspace", ws.toString(), "--run", "newest", "--out", "x.pdf");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("'newest'"), bad.err());
    }

    @Test
    void report_emptyWorkspace_exitsUsageWithHint() {
        Result r = run("report", "--workspace", tmp.resolve("empty").toString(), "--out", tmp.resolve("x.pdf").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--findings"), r.err());
        assertTrue(Files.notExists(tmp.resolve("x.pdf")));
    }

    @Test
    void report_noSource_exitsUsage() {
        Result r = run("report", "--out", tmp.resolve("x.pdf").toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--workspace"), r.err());
    }
}
