package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Placeholder; the report stage adds its options and subcommands here. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "(not yet available)")
final class ReportCommand {
}
