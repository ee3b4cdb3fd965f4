package org.stylexaudit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until ingest lands. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "(not yet available)")
final class IngestCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
