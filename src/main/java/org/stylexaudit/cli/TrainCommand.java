package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Placeholder; the train stage adds its subcommands here. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "(not yet available)")
final class TrainCommand {
}
