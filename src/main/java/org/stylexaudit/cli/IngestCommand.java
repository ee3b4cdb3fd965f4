package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stylexaudit.ingest.FolderIngest;
import org.stylexaudit.dicom.ReadLimits;
import org.stylexaudit.ingest.IngestOptions;
import org.stylexaudit.ingest.IngestSummary;
import org.stylexaudit.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Ingests a folder tree of DICOM, PNG, JPEG and TIFF files into a workspace and prints the run summary. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Walks a folder tree, recognises DICOM, PNG, JPEG and TIFF files by content, normalises each "
                + "image (circular field of view, square crop, resize) into the workspace cache and records every file "
                + "in the catalog. Never writes into the source. Unchanged files are skipped on later runs.",
                "Exit code 3 when some files were rejected in this run; each is listed with its reason."})
final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, paramLabel = "DIR",
            description = "Workspace folder (created if missing).")
    Path workspace;

    @Option(names = {"-s", "--source"}, required = true, paramLabel = "DIR",
            description = "Folder tree to ingest; read only.")
    Path source;

    @Option(names = {"--size"}, paramLabel = "PX", defaultValue = "" + IngestOptions.DEFAULT_CACHE_SIZE,
            description = "Side of the square cached images in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "1",
            description = "Files decoded in parallel (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress line; only the summary.")
    boolean quiet;

    @Option(names = {"--keep-paths"}, description = "Store file paths in clear in the catalog. By default the catalog "
            + "stores a keyed hash of each path, because archive paths often hold patient names or IDs.")
    boolean keepPaths;

    @Option(names = {"--max-pixels"}, paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_MAX_PIXELS,
            description = "Largest image (width x height) decoded, any format; larger ones are rejected from their "
                    + "header, before decoding (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = {"--dicom-max-bytes"}, paramLabel = "BYTES", defaultValue = "1073741824",
            description = "Largest DICOM file, and largest inflated deflated data set (default: ${DEFAULT-VALUE}).")
    long dicomMaxBytes;

    @Option(names = {"--dicom-max-value-bytes"}, paramLabel = "BYTES", defaultValue = "1073741824",
            description = "Longest value of one DICOM element (default: ${DEFAULT-VALUE}).")
    long dicomMaxValueBytes;

    @Option(names = {"--dicom-max-depth"}, paramLabel = "N", defaultValue = "16",
            description = "Deepest nesting of DICOM sequences (default: ${DEFAULT-VALUE}).")
    int dicomMaxDepth;

    @Option(names = {"--dicom-max-elements"}, paramLabel = "N", defaultValue = "1000000",
            description = "Most data elements in one DICOM file (default: ${DEFAULT-VALUE}).")
    int dicomMaxElements;

    @Option(names = {"--dicom-max-inflate-ratio"}, paramLabel = "N", defaultValue = "100",
            description = "How many times its compressed size a deflated DICOM data set may inflate to, beyond "
                    + "16 MiB (default: ${DEFAULT-VALUE}).")
    int dicomMaxInflateRatio;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(source)) {
            throw new UsageException("--source must be an existing folder, got " + source);
        }
        IngestOptions options;
        try {
            options = IngestOptions.of(source).withCacheSize(size).withThreads(threads).withKeepPaths(keepPaths)
                    .withMaxPixels(maxPixels).withDicomLimits(new ReadLimits(dicomMaxBytes, dicomMaxValueBytes,
                            dicomMaxDepth, dicomMaxElements, ReadLimits.DEFAULT.maxPixelSamples(),
                            dicomMaxInflateRatio));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        IngestSummary s;
        try (Workspace ws = Workspace.open(workspace)) {
            s = new FolderIngest(ws, options).run(quiet ? org.stylexaudit.common.Progress.NONE
                    : ConsoleProgress.forStderr(err));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        print(s, out);
        return s.hasRejections() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    /** Prints the summary: counts first, then skips by reason, then every rejection with its reason. */
    static void print(IngestSummary s, PrintWriter out) {
        out.printf("ingest run %d: %d entries, %d accepted, %d rejected, %d skipped, %d unchanged%s%n", s.runId(),
                s.seen(), s.accepted(), s.rejected(), s.skipped(), s.unchanged(),
                s.unchangedRejected() > 0 ? " (" + s.unchangedRejected() + " of them rejected earlier)" : "");
        if (s.missing() > 0) {
            out.printf("%d catalogued file(s) no longer in the source%n", s.missing());
        }
        for (Map.Entry<String, Integer> e : s.skippedByReason().entrySet()) {
            out.printf("skipped %d: %s%n", e.getValue(), e.getKey());
        }
        for (IngestSummary.Rejection r : s.rejections()) {
            out.printf("rejected %s: %s%n", oneLine(r.path()), oneLine(r.reason()));
        }
        out.flush();
    }

    /**
     * Escapes control characters, so that a file name holding a newline cannot split one rejection into two lines
     * of a log that operators and scripts read line by line.
     */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
