package org.stylexaudit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.stylexaudit.common.Folders;
import org.stylexaudit.common.Progress;
import org.stylexaudit.dicom.DicomReader;
import org.stylexaudit.dicom.IngestBenchmark;
import org.stylexaudit.dicom.ReadLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Compares our DICOM decoding speed with dcmtk's dcmj2pnm on the same files. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Decodes DICOM files with our decoder and with dcmtk's dcmj2pnm (one process per file),",
                "both writing PNGs to a temporary folder; prints the median files/s of each and their ratio."})
final class BenchIngestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-f", "--files"}, paramLabel = "DIR",
            description = "folder of DICOM files (default: generate 8 synthetic images x 3 syntaxes with dcmtk)")
    private Path files;

    @Option(names = {"-r", "--repeats"}, paramLabel = "N", defaultValue = "5",
            description = "rounds to run; the median is reported (default: ${DEFAULT-VALUE})")
    private int repeats;

    @Option(names = {"-n", "--images"}, paramLabel = "N", defaultValue = "8",
            description = "synthetic images to generate when no --files (default: ${DEFAULT-VALUE})")
    private int images;

    @Option(names = {"-s", "--size"}, paramLabel = "PX", defaultValue = "512",
            description = "side of the synthetic images in pixels (default: ${DEFAULT-VALUE})")
    private int size;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || images < 1 || size < 16) {
            throw new UsageException("expected --repeats >= 1, --images >= 1 and --size >= 16, got " + repeats + ", "
                    + images + ", " + size);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("stylex-bench-");
        try {
            List<Path> dicom = files != null ? listDicom(files)
                    : IngestBenchmark.generateFiles(work.resolve("files"), images, size, Progress.NONE);
            if (dicom.isEmpty()) {
                throw new UsageException("expected DICOM files in " + files + ", found none");
            }
            IngestBenchmark.Result r = new IngestBenchmark(ReadLimits.DEFAULT)
                    .run(dicom, repeats, work.resolve("out"), Progress.NONE);
            out.printf("files: %d (%s), repeats: %d%n", r.files(),
                    files != null ? files.toString() : images + " synthetic " + size + " px images x 3 syntaxes", repeats);
            out.printf("ours:  %.1f files/s (median; runs %s)%n", r.oursFilesPerSecond(), format(r.oursRuns()));
            out.printf("dcmtk: %.1f files/s (median; runs %s; %s, one process per file)%n", r.dcmtkFilesPerSecond(),
                    format(r.dcmtkRuns()), IngestBenchmark.DCMTK_TOOL);
            out.printf("ratio ours/dcmtk: %.2f%n", r.ratio());
            if (r.oursFailures() > 0 || r.dcmtkFailures() > 0) {
                out.printf("refused: ours %d, dcmtk %d%n", r.oursFailures(), r.dcmtkFailures());
            }
            return ExitCodes.OK;
        } finally {
            Folders.deleteTree(work);
        }
    }

    private static List<Path> listDicom(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("expected a folder for --files, got " + dir);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(DicomReader::looksLikeDicom).sorted().toList();
        }
    }

    private static String format(List<Double> runs) {
        return runs.stream().map(v -> String.format("%.1f", v)).toList().toString();
    }
}
