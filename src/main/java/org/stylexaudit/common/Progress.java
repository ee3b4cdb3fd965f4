package org.stylexaudit.common;

/**
 * Receives progress of long work from a stage; the CLI turns it into a progress line.
 *
 * <p>Stages never print; they report here so that batch runs, tests and the terminal can each decide what to show.
 */
public interface Progress {

    /** A listener that ignores everything. */
    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long done, String detail) {
        }

        @Override
        public void finish() {
        }
    };

    /** Starts a task of {@code total} units ({@code -1} when unknown). */
    void start(String task, long total);

    /** Reports that {@code done} units of the current task are finished. */
    void advance(long done, String detail);

    /** Ends the current task. */
    void finish();
}
