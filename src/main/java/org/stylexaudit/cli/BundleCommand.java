package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** Placeholder; the bundle stage adds its subcommands here. */
@Command(name = "bundle", mixinStandardHelpOptions = true, description = "(not yet available)")
final class BundleCommand {
}
