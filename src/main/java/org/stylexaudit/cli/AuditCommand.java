package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stylexaudit.audit.AuditRun;
import org.stylexaudit.audit.Protocol;
import org.stylexaudit.audit.ProtocolException;
import org.stylexaudit.audit.ProtocolLoader;
import org.stylexaudit.audit.ProtocolMismatchException;
import org.stylexaudit.audit.RunSummary;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.EngineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs an audit protocol: validates it, then lets {@link AuditRun} do the stages and prints the outcome. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Runs the audit a protocol file describes (docs/protocol.md), under an exclusive workspace "
                + "lock: ingests new images from the archive folder or DICOMweb service, classifies them with the "
                + "bundle's classifier, runs AttFind when the protocol says (new images, or always), writes the dated "
                + "PDF report (and study packets when reviewers are named) into the output folder, and "
                + "audit-summary.json with counts, findings, timings and warnings.",
                "A run with nothing new does no model work. A run killed at any point is completed by the next one. "
                + "A second audit on the same workspace stops at once with exit 1 (\"another audit holds the "
                + "workspace\").",
                "Exit codes: 0 done, 1 failure, 2 invalid protocol or one that does not fit its bundle or archive "
                + "(the message names the field), 3 done but some files were rejected."})
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--protocol"}, required = true, paramLabel = "FILE",
            description = "Protocol YAML file (see docs/protocol.md).")
    Path protocolFile;

    @Option(names = {"--check"}, description = "Only validate the protocol and print what it resolves to.")
    boolean check;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime threads for classification and AttFind (0: one per core; default: "
                    + "${DEFAULT-VALUE}).")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress line; only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Protocol p;
        try {
            p = ProtocolLoader.load(protocolFile);
        } catch (ProtocolException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (check) {
            out.printf("protocol %s is valid: workspace %s, archive %s, output %s%n", protocolFile, p.workspace(),
                    p.archive().isFolder() ? p.archive().folder() : p.archive().dicomweb(), p.output());
            out.flush();
            return ExitCodes.OK;
        }
        if (threads < 0) {
            throw new UsageException("--threads must be 0 or more, got " + threads);
        }
        AuditRun run = new AuditRun(p, Clock.systemUTC(), EngineOptions.cpu().withThreads(threads));
        RunSummary s;
        try {
            s = run.run(quiet ? Progress.NONE : ConsoleProgress.forStderr(spec.commandLine().getErr()));
        } catch (ProtocolMismatchException e) {
            throw new UsageException(e.getMessage());
        }
        print(s, run, out);
        return s.rejected() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    private void print(RunSummary s, AuditRun run, PrintWriter out) {
        out.printf("audit %s: %d new image(s), %d rejected, %d classified, %d accepted in all; outcome %s%n",
                protocolFile, s.newImages(), s.rejected(), s.classified(), s.acceptedTotal(), s.outcome());
        for (RunSummary.ClassFindings c : s.findings()) {
            StringBuilder b = new StringBuilder("  toward ").append(c.className()).append(':');
            c.attributes().stream().limit(3).forEach(f -> b.append(String.format(Locale.ROOT, " %s (%s, %+.3f)",
                    f.id(), f.label(), f.meanEffect())));
            out.println(b);
        }
        for (String w : s.warnings()) {
            out.printf("warning: %s%n", w);
        }
        if (s.report() != null) {
            out.printf("report: %s%n", s.report());
        }
        if (s.study() != null) {
            out.printf("study packets: %s%n", s.study());
        }
        out.printf("summary: %s%n", run.summaryFile());
        out.flush();
    }
}
