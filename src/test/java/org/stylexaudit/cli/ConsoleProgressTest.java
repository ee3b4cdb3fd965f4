package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(0);
    private final StringWriter text = new StringWriter();

    @Test
    void advance_logMode_onePlainLinePerPeriod() {
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false, 10 * SECOND, now::get, 80);
        p.start("ingest", 100);
        for (int i = 1; i <= 50; i++) {
            now.addAndGet(SECOND);
            p.advance(i, "f" + i);
        }
        p.finish();
        String[] lines = text.toString().split("\n");
        assertEquals(5, lines.length, text.toString());
        assertEquals("ingest 10/100 (10%) 1.0/s ETA 1m30s  f10", lines[0]);
        assertTrue(lines[4].startsWith("ingest 50/100 (50%)"), lines[4]);
        assertTrue(!text.toString().contains("\r"));
    }

    @Test
    void advance_terminalMode_rewritesOneLineAndClearsIt() {
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), true, SECOND, now::get, 40);
        p.start("ingest", -1);
        now.addAndGet(2 * SECOND);
        p.advance(3, "a-very-long-path/that/does/not/fit/in/forty/columns.png");
        p.finish();
        String s = text.toString();
        assertTrue(s.startsWith("\ringest 3 1.5/s  a-very-long"), s);
        assertTrue(!s.contains("\n"), "a terminal line is rewritten, never ended");
        String shown = s.substring(1, s.indexOf('\r', 1));
        assertEquals(39, shown.length(), "truncated to the terminal width minus one");
        assertTrue(s.endsWith("\r"), "finish leaves the cursor at the start of a blank line");
    }

    @Test
    void duration_formatsHoursMinutesSeconds() {
        assertEquals("59s", ConsoleProgress.duration(59));
        assertEquals("2m05s", ConsoleProgress.duration(125));
        assertEquals("3h07m", ConsoleProgress.duration(3 * 3600 + 7 * 60 + 5));
    }
}
