package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Placeholder; the bench stage adds its subcommands here. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks stages of the tool.",
        subcommands = {BenchAttfindCommand.class})
final class BenchCommand {
}
