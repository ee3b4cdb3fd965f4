package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Placeholder; the bench stage adds its subcommands here. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "(not yet available)")
final class BenchCommand {
}
