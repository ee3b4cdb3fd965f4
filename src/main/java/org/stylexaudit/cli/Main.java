package org.stylexaudit.cli;

import java.io.PrintWriter;
import org.stylexaudit.common.ToolInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stylex-audit} command: lists the subcommands and maps every failure to one line and an exit code.
 *
 * <pre>{@code
 * java -jar target/stylex-audit.jar ingest --workspace ws --source sample-studies
 * }</pre>
 */
@Command(name = "stylex-audit",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Explains what an image classifier relies on: trains a classifier-specific StyleGAN (StylEx),",
                "finds the style attributes that drive its decisions and writes audit reports."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:failure (the message says why)",
                "2:usage error (bad option, protocol or input path)",
                "3:finished, but some inputs were rejected (listed in the summary)"},
        subcommands = {
                IngestCommand.class,
                DicomCommand.class,
                SynthCommand.class,
                TrainCommand.class,
                BundleCommand.class,
                ReportCommand.class,
                StudyCommand.class,
                AuditCommand.class,
                BenchCommand.class,
                DiscoverCommand.class,
                ExplainCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {

    /** Runs the tool and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given output streams and returns the exit code; used by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    /** Builds the configured command line. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setExitCodeExceptionMapper(ErrorReporter::exitCodeFor);
        return cl;
    }

    /** Supplies the version string from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"stylex-audit " + ToolInfo.version(),
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch")};
        }
    }
}
