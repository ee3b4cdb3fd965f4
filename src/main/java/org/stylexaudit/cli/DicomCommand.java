package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Groups the DICOM tools: {@code dicom dump} and {@code dicom png}. */
@Command(name = "dicom", mixinStandardHelpOptions = true,
        description = "Inspects and decodes single DICOM files.",
        subcommands = {DicomDumpCommand.class, DicomPngCommand.class})
final class DicomCommand {
}
