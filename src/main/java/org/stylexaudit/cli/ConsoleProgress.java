package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.stylexaudit.common.Progress;

/**
 * Shows a stage's progress on stderr: one line rewritten in place on a terminal, or a plain line every
 * {@code interval} when stderr goes to a log file (a nightly job's log must not fill with carriage returns).
 *
 * <pre>{@code
 * Progress p = ConsoleProgress.forStderr(spec.commandLine().getErr());
 * }</pre>
 */
public final class ConsoleProgress implements Progress {

    /** Refresh period of the terminal line; faster is invisible and costs output. */
    static final long TERMINAL_PERIOD_NANOS = 200_000_000L;
    /** Period of plain log lines. */
    static final long LOG_PERIOD_NANOS = 30_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final long periodNanos;
    private final LongSupplier clock;
    private final int width;
    private String task = "";
    private long total = -1;
    private long startedAt;
    private long lastShown;
    private long done;
    private String detail = "";
    private int lastLength;

    /**
     * Creates a progress display.
     *
     * @param err         where to write
     * @param terminal    true to rewrite one line in place, false for periodic plain lines
     * @param periodNanos minimum time between two outputs
     * @param clock       nanosecond clock ({@code System::nanoTime}; tests pass their own)
     * @param width       columns available on a terminal
     */
    public ConsoleProgress(PrintWriter err, boolean terminal, long periodNanos, LongSupplier clock, int width) {
        this.err = err;
        this.terminal = terminal;
        this.periodNanos = periodNanos;
        this.clock = clock;
        this.width = Math.max(40, width);
    }

    /**
     * Returns a display for the process's stderr: in-place when the JVM has a console (stdin and stdout are a
     * terminal, the only test Java 17 offers) and {@code TERM} is not {@code dumb}, periodic lines otherwise.
     */
    public static ConsoleProgress forStderr(PrintWriter err) {
        String term = System.getenv("TERM");
        boolean tty = System.console() != null && term != null && !"dumb".equals(term);
        int columns = 100;
        try {
            String c = System.getenv("COLUMNS");
            if (c != null) {
                columns = Integer.parseInt(c.trim());
            }
        } catch (NumberFormatException ignored) {
            // keep the default width
        }
        return new ConsoleProgress(err, tty, tty ? TERMINAL_PERIOD_NANOS : LOG_PERIOD_NANOS, System::nanoTime,
                columns);
    }

    @Override
    public void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.detail = "";
        this.startedAt = clock.getAsLong();
        this.lastShown = startedAt;
    }

    @Override
    public void advance(long done, String detail) {
        this.done = done;
        this.detail = detail == null ? "" : detail;
        long now = clock.getAsLong();
        if (now - lastShown >= periodNanos) {
            lastShown = now;
            show(now);
        }
    }

    @Override
    public void finish() {
        if (terminal && lastLength > 0) {
            // Clear the in-place line so the summary that follows starts on a clean line.
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }

    private void show(long now) {
        String line = line(now);
        if (terminal) {
            if (line.length() > width - 1) {
                line = line.substring(0, width - 1);
            }
            int pad = Math.max(0, lastLength - line.length());
            err.print("\r" + line + " ".repeat(pad));
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Formats the progress line: task, count, percent, rate, remaining time and the current item. */
    String line(long now) {
        double seconds = Math.max(1e-9, (now - startedAt) / 1e9);
        double rate = done / seconds;
        StringBuilder sb = new StringBuilder(task).append(' ').append(done);
        if (total >= 0) {
            sb.append('/').append(total);
            if (total > 0) {
                sb.append(String.format(Locale.ROOT, " (%d%%)", done * 100 / total));
            }
        }
        sb.append(String.format(Locale.ROOT, " %.1f/s", rate));
        if (total > 0 && rate > 0 && done < total) {
            sb.append(" ETA ").append(duration((long) ((total - done) / rate)));
        }
        if (!detail.isEmpty()) {
            sb.append("  ").append(detail);
        }
        return sb.toString();
    }

    static String duration(long s) {
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
