package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stylexaudit.common.Progress;
import org.stylexaudit.report.FindingsFolder;
import org.stylexaudit.report.FindingsLocator;
import org.stylexaudit.report.Formats;
import org.stylexaudit.report.ReportTemplate;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.study.ExportSummary;
import org.stylexaudit.study.ImportLimits;
import org.stylexaudit.study.ImportResult;
import org.stylexaudit.study.ScoreSheetWriter;
import org.stylexaudit.study.StudyConfig;
import org.stylexaudit.study.StudyExporter;
import org.stylexaudit.study.StudyImporter;
import org.stylexaudit.study.StudyScorer;
import org.stylexaudit.study.StudyScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Blinded user studies of discovered attributes: export packets, import filled ones, score them. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Blinded user studies: export reviewer packets, import filled ones, score the answers.",
        subcommands = {StudyCommand.Export.class, StudyCommand.Import.class, StudyCommand.Score.class})
final class StudyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new UsageException("study needs a subcommand: export, import or score (see study --help)");
    }

    /** Writes one shuffled, blinded packet per reviewer. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes one blinded, shuffled packet per reviewer (fillable PDF, CSV and PNG strips); "
                    + "the answer key stays in the workspace.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", required = true, description = "audit workspace")
        Path workspace;

        @Option(names = {"-r", "--run"}, paramLabel = "RUN", defaultValue = "latest",
                description = "run id, or 'latest' (newest run with findings); default: ${DEFAULT-VALUE}")
        String run;

        @Option(names = {"-f", "--findings"}, paramLabel = "FILE",
                description = "read findings.json directly instead of a workspace run")
        Path findings;

        @Option(names = {"-n", "--reviewers"}, paramLabel = "N", required = true, description = "number of packets")
        int reviewers;

        @Option(names = {"-m", "--items-per-attribute"}, paramLabel = "M", defaultValue = "3",
                description = "items (images) per attribute, 1-6; default: ${DEFAULT-VALUE}")
        int items;

        @Option(names = {"--seed"}, paramLabel = "SEED", description = "seed of item choice and shuffles (default: random, recorded)")
        Long seed;

        @Option(names = {"-t", "--templates"}, paramLabel = "DIR", description = "folder with study.yaml")
        Path templates;

        @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "folder for the packets")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (reviewers < 1 || reviewers > 200 || items < 1 || items > 6) {
                throw new UsageException("--reviewers must be 1-200 and --items-per-attribute 1-6, got "
                        + reviewers + " and " + items);
            }
            if (findings != null && !Files.exists(findings)) {
                throw new UsageException("findings file not found: " + findings);
            }
            ReportCommand.ensureFontCache();
            ReportTemplate template = ReportTemplate.load("study.yaml", templates);
            long s = seed != null ? seed : new SecureRandom().nextLong();
            try (Workspace ws = Workspace.open(workspace)) {
                Long runId = null;
                Path file = findings;
                if (file == null) {
                    try {
                        FindingsLocator.Located l = FindingsLocator.locate(ws, run);
                        runId = l.runId();
                        file = l.findingsFile();
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                long runRow = ws.runs().start("study-export", "{\"reviewers\": " + reviewers + ", \"items\": " + items
                        + ", \"seed\": " + s + "}");
                ExportSummary sum;
                try {
                    sum = new StudyExporter(ws, template, Progress.NONE)
                            .export(FindingsFolder.read(file), runId, new StudyConfig(reviewers, items, s), out);
                } catch (Exception e) {
                    ws.runs().finish(runRow, "failed", "{}");
                    throw e;
                }
                ws.runs().finish(runRow, "ok", "{\"study\": " + sum.studyId() + ", \"packets\": " + sum.packets().size() + "}");
                PrintWriter o = spec.commandLine().getOut();
                o.printf("study %d: %d packets of %d items in %s (seed %d)%n", sum.studyId(), sum.packets().size(),
                        sum.itemsPerPacket(), out, s);
                for (ExportSummary.PacketFiles p : sum.packets()) {
                    o.printf("  %s  %s  %s%n", p.packetId(), p.pdf().getFileName(), p.csv().getFileName());
                }
            }
            return ExitCodes.OK;
        }
    }

    /** Reads filled packets back. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Reads filled packets (PDF or CSV). Refuses foreign, altered and duplicate packets; "
                    + "exits 3 when any file was refused.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", required = true, description = "audit workspace")
        Path workspace;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "filled packet PDFs or CSVs")
        List<Path> files;

        @Option(names = {"--max-file-bytes"}, paramLabel = "BYTES", defaultValue = "67108864",
                description = "Largest packet file read (default: ${DEFAULT-VALUE}).")
        long maxFileBytes;

        @Option(names = {"--max-pdf-pages"}, paramLabel = "N", defaultValue = "1000",
                description = "Most pages in a PDF packet (default: ${DEFAULT-VALUE}).")
        int maxPdfPages;

        @Option(names = {"--pdf-memory-bytes"}, paramLabel = "BYTES", defaultValue = "268435456",
                description = "Most memory PDFBox may use for one PDF's stream cache (default: ${DEFAULT-VALUE}).")
        long pdfMemoryBytes;

        @Option(names = {"--max-csv-rows"}, paramLabel = "N", defaultValue = "100000",
                description = "Most rows in a CSV packet (default: ${DEFAULT-VALUE}).")
        int maxCsvRows;

        @Option(names = {"--max-csv-field"}, paramLabel = "CHARS", defaultValue = "65536",
                description = "Longest field of a CSV packet, in characters (default: ${DEFAULT-VALUE}).")
        int maxCsvField;

        @Override
        public Integer call() throws Exception {
            ImportLimits limits;
            try {
                limits = new ImportLimits(maxFileBytes, maxPdfPages, pdfMemoryBytes, maxCsvRows, maxCsvField);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new UsageException("not a file: " + f);
                }
            }
            try (Workspace ws = Workspace.open(workspace)) {
                long runRow = ws.runs().start("study-import", "{\"files\": " + files.size() + "}");
                ImportResult r = new StudyImporter(ws, limits).importFiles(files);
                ws.runs().finish(runRow, r.rejected().isEmpty() ? "ok" : "partial", "{\"imported\": "
                        + r.imported().size() + ", \"refused\": " + r.rejected().size() + "}");
                PrintWriter o = spec.commandLine().getOut();
                for (ImportResult.Imported i : r.imported()) {
                    o.printf("imported %s: packet %s, %d of %d items answered%n", i.file().getFileName(), i.packetId(),
                            i.answered(), i.items());
                }
                for (ImportResult.Rejected x : r.rejected()) {
                    spec.commandLine().getErr().println("refused " + x.reason());
                }
                o.printf("%d imported, %d refused%n", r.imported().size(), r.rejected().size());
                return r.rejected().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
            }
        }
    }

    /** Scores the imported answers. */
    @Command(name = "score", mixinStandardHelpOptions = true,
            description = "Scores a study: per-attribute accuracy with Wilson 95%% intervals, a binomial test "
                    + "against chance, Fleiss' kappa across reviewers and the words reviewers used most.")
    static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", required = true, description = "audit workspace")
        Path workspace;

        @Option(names = {"--study"}, paramLabel = "ID", description = "study id (default: the latest)")
        Long study;

        @Option(names = {"-t", "--templates"}, paramLabel = "DIR", description = "folder with study.yaml")
        Path templates;

        @Option(names = {"-o", "--out"}, paramLabel = "FILE.pdf", description = "also write the scores as PDF")
        Path out;

        @Override
        public Integer call() throws Exception {
            ReportCommand.ensureFontCache();
            try (Workspace ws = Workspace.open(workspace)) {
                StudyScores s = new StudyScorer(ws).score(study);
                PrintWriter o = spec.commandLine().getOut();
                o.printf("study %d: %d of %d packets imported; chance %s; Fleiss' kappa %s over %d items%n",
                        s.studyId(), s.packetsImported(), s.packets(), Formats.p(s.chance()),
                        ScoreSheetWriter.kappa(s.kappa()), s.kappaItems());
                o.printf("%-10s %-24s %9s %8s %13s %10s %7s  %s%n", "attribute", "pushes toward", "correct", "accuracy",
                        "wilson 95%", "p", "kappa", "words");
                for (StudyScores.AttributeScore a : s.attributes()) {
                    o.printf(Locale.ROOT, "%-10s %-24s %9s %8s %13s %10s %7s  %s%n", a.attributeId(), a.targetClass(),
                            a.correct() + "/" + a.answered(), Double.isNaN(a.accuracy()) ? "-" : Formats.p(a.accuracy()),
                            Formats.p(a.interval().low()) + "-" + Formats.p(a.interval().high()),
                            ScoreSheetWriter.pValue(a.pValue()), ScoreSheetWriter.kappa(a.kappa()),
                            String.join(", ", a.topWords()));
                }
                if (out != null) {
                    new ScoreSheetWriter(ReportTemplate.load("study.yaml", templates)).write(s, out);
                    o.println("wrote " + out);
                }
            }
            return ExitCodes.OK;
        }
    }
}
