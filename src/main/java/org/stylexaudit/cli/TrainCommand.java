package org.stylexaudit.cli;

import picocli.CommandLine.Command;

/** The {@code train} command: groups the training subcommands (the sample classifier, StylEx). */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains networks: the sample classifier, and the StylEx model of a classifier.",
        subcommands = {TrainClassifierCommand.class})
final class TrainCommand {
}
