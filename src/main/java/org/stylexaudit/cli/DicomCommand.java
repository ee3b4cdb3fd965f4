package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Placeholder; the dicom stage adds its subcommands here. */
@Command(name = "dicom", mixinStandardHelpOptions = true, description = "(not yet available)")
final class DicomCommand {
}
