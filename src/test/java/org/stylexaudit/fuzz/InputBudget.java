package org.stylexaudit.fuzz;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The per-input time bound of a fuzzing campaign: one second of CPU time of the fuzzing thread. It is enforced only
 * while Jazzer fuzzes ({@code JAZZER_FUZZ} set) and only after a warm-up, because the first inputs of a JVM pay for
 * class loading and JIT compilation; in the plain test run the corpus replays without a timing criterion. CPU time,
 * not wall time, so a machine shared with other work does not turn a fast input into a finding.
 */
public final class InputBudget {

    /** Longest CPU time one input may take, from the acceptance criteria of issue 9. */
    public static final long MAX_NANOS = 1_000_000_000L;
    /** Inputs run before the bound applies. */
    public static final int WARM_UP_INPUTS = 200;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean FUZZING = fuzzing();

    private InputBudget() {
    }

    /** Returns a start reading for {@link #check}. */
    public static long start() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Fails the input when fuzzing, past the warm-up, and it took more CPU time than the budget. */
    public static void check(long start, String what) {
        if (!FUZZING) {
            return;
        }
        long took = THREADS.getCurrentThreadCpuTime() - start;
        if (Counter.next() > WARM_UP_INPUTS && took > MAX_NANOS) {
            throw new AssertionError(what + " took " + took / 1_000_000 + " ms of CPU for one input, over the 1 s budget");
        }
    }

    private static boolean fuzzing() {
        String v = System.getenv("JAZZER_FUZZ");
        return v != null && !v.isBlank() && !"0".equals(v);
    }

    /** Counts inputs of this JVM; fuzzing runs one input at a time, so a plain counter is enough. */
    private static final class Counter {
        private static final java.util.concurrent.atomic.AtomicLong N = new java.util.concurrent.atomic.AtomicLong();

        static long next() {
            return N.incrementAndGet();
        }
    }
}
