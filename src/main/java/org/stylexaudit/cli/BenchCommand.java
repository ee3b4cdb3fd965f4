package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Groups the benchmarks: {@code bench ingest}, {@code bench attfind}, {@code bench train}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the speed of pipeline stages against reference tools.",
        subcommands = {BenchIngestCommand.class, BenchAttfindCommand.class, BenchTrainCommand.class})
final class BenchCommand {
}
