package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Placeholder; the study stage adds its options and subcommands here. */
@Command(name = "study", mixinStandardHelpOptions = true, description = "(not yet available)")
final class StudyCommand {
}
