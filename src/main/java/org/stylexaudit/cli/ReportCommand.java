package org.stylexaudit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stylexaudit.common.Progress;
import org.stylexaudit.report.AuditReportWriter;
import org.stylexaudit.report.FindingsFolder;
import org.stylexaudit.report.FindingsLocator;
import org.stylexaudit.report.ReportOptions;
import org.stylexaudit.report.ReportSummary;
import org.stylexaudit.report.ReportTemplate;
import org.stylexaudit.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes the PDF audit report of a run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes the PDF audit report of an AttFind run: cover, summary, one page per attribute with "
                + "counterfactual strips and reviewer fields, per-image explanations, method and fidelity, appendix.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", description = "audit workspace")
    Path workspace;

    @Option(names = {"-r", "--run"}, paramLabel = "RUN", defaultValue = "latest",
            description = "run id, or 'latest' (the newest run with findings); default: ${DEFAULT-VALUE}")
    String run;

    @Option(names = {"-f", "--findings"}, paramLabel = "FILE",
            description = "read findings.json directly instead of a workspace run (usable before AttFind exists)")
    Path findings;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.pdf", required = true, description = "PDF to write")
    Path out;

    @Option(names = {"-t", "--templates"}, paramLabel = "DIR",
            description = "folder with report.yaml; default ./templates, else the bundled copy")
    Path templates;

    @Option(names = {"-i", "--images"}, paramLabel = "N", defaultValue = "4",
            description = "per-image explanations to include; default: ${DEFAULT-VALUE}")
    int images;

    @Option(names = {"--image"}, paramLabel = "KEY",
            description = "explain only images whose key starts with KEY (repeatable; keys are printed in reports)")
    java.util.List<String> imageKeys = new java.util.ArrayList<>();

    @Option(names = {"-s", "--strips"}, paramLabel = "N", defaultValue = "6",
            description = "counterfactual strips per attribute page (1-6); default: ${DEFAULT-VALUE}")
    int strips;

    @Override
    public Integer call() throws Exception {
        if (findings == null && workspace == null) {
            throw new UsageException("give --workspace DIR (with --run RUN) or --findings FILE");
        }
        if (findings != null && !Files.exists(findings)) {
            throw new UsageException("findings file not found: " + findings);
        }
        if (templates != null && !Files.isDirectory(templates)) {
            throw new UsageException("--templates expects a folder containing report.yaml, got " + templates);
        }
        if (strips < 1 || strips > 6 || images < 0) {
            throw new UsageException("--strips must be 1-6 and --images >= 0, got " + strips + " and " + images);
        }
        ensureFontCache();
        ReportTemplate template = ReportTemplate.load("report.yaml", templates);
        AuditReportWriter writer = new AuditReportWriter(template, new ReportOptions(images, strips, imageKeys), Progress.NONE);
        ReportSummary s;
        if (workspace == null) {
            s = writer.write(FindingsFolder.read(findings), out);
        } else {
            try (Workspace ws = Workspace.open(workspace)) {
                FindingsFolder folder;
                if (findings != null) {
                    folder = FindingsFolder.read(findings);
                } else {
                    FindingsLocator.Located l = locate(ws);
                    folder = FindingsFolder.read(l.findingsFile()).forRun(l.runId());
                }
                long id = ws.runs().start("report", "{\"out\": " + json(out.toAbsolutePath().toString()) + "}");
                try {
                    s = writer.write(folder, out);
                } catch (Exception e) {
                    ws.runs().finish(id, "failed", "{}");
                    throw e;
                }
                ws.runs().finish(id, "ok", "{\"pages\": " + s.pages() + ", \"attributes\": " + s.attributes() + "}");
            }
        }
        spec.commandLine().getOut().printf("wrote %s: %d pages, %d attributes, %d image explanations, %d reviewer fields%n",
                out, s.pages(), s.attributes(), s.images(), s.fields().size());
        return ExitCodes.OK;
    }

    private FindingsLocator.Located locate(Workspace ws) throws Exception {
        try {
            return FindingsLocator.locate(ws, run);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Points PDFBox's font cache at the temp folder unless the caller chose one; otherwise PDFBox writes
     * {@code .pdfbox.cache} into the home directory, which batch accounts often cannot write.
     */
    static void ensureFontCache() {
        if (System.getProperty("pdfbox.fontcache") == null) {
            System.setProperty("pdfbox.fontcache", System.getProperty("java.io.tmpdir"));
        }
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
