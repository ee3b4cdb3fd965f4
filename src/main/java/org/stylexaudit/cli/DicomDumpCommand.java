package org.stylexaudit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stylexaudit.dicom.DicomDump;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomReader;
import org.stylexaudit.dicom.ReadLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Lists the elements of a DICOM file like dcmdump: tag, VR, length, value, nested items indented. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Lists the elements of a DICOM file (tag, VR, length, value; items indented).")
final class DicomDumpCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "DICOM file to list")
    private Path file;

    @Option(names = {"-w", "--max-width"}, paramLabel = "N", defaultValue = "64",
            description = "longest value text shown before it is cut (default: ${DEFAULT-VALUE})")
    private int maxWidth;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("expected a DICOM file, but " + file + " is not a readable file");
        }
        DicomObject ds = new DicomReader(ReadLimits.DEFAULT).read(file);
        spec.commandLine().getOut().print(new DicomDump(maxWidth).format(ds));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
