package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.stylexaudit.audit.AuditRun;
import org.stylexaudit.audit.Protocol;
import org.stylexaudit.audit.ProtocolException;
import org.stylexaudit.audit.ProtocolLoader;
import org.stylexaudit.audit.RunSummary;
import org.stylexaudit.common.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs an audit protocol: validates it, takes the workspace lock, ingests and writes the run summary. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Runs the audit a protocol file describes: ingests new images from the archive under an "
                + "exclusive workspace lock and writes audit-summary.json in the output folder. A second audit on the "
                + "same workspace fails at once (exit 1, \"another audit holds the workspace\").",
                "Exit code 2 for an invalid protocol (the message names the field), 3 when some files were rejected."})
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--protocol"}, required = true, paramLabel = "FILE",
            description = "Protocol YAML file (see docs/protocol.md).")
    Path protocolFile;

    @Option(names = {"--check"}, description = "Only validate the protocol and print what it resolves to.")
    boolean check;

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
        AuditRun run = new AuditRun(p, Clock.systemUTC());
        RunSummary s = run.run(quiet ? Progress.NONE : ConsoleProgress.forStderr(spec.commandLine().getErr()));
        out.printf("audit %s: %d new image(s), %d rejected, ingest run %d, outcome %s%n", protocolFile,
                s.newImages(), s.rejected(), s.ingestRun(), s.outcome());
        for (String w : s.warnings()) {
            out.printf("warning: %s%n", w);
        }
        out.printf("summary: %s%n", run.summaryFile());
        out.flush();
        return s.rejected() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
