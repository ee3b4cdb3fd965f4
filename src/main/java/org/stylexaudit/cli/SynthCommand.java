package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Placeholder; the synth stage adds its subcommands here. */
@Command(name = "synth", mixinStandardHelpOptions = true, description = "(not yet available)")
final class SynthCommand {
}
