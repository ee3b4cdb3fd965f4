package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void help_listsCommandsAndExitCodes() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("ingest"));
        assertTrue(out.toString().contains("Exit codes"));
    }

    @Test
    void version_printsToolVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("stylex-audit "));
    }

    @Test
    void unknownOption_isUsageError() {
        assertEquals(ExitCodes.USAGE, run("--no-such-option"));
        assertTrue(err.toString().contains("--no-such-option"));
    }
}
