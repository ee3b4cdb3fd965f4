package org.stylexaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the audit command in child JVMs: kills runs with SIGKILL at random points and checks that the next run
 * leaves exactly what an uninterrupted run leaves; and starts two audits on one workspace at once.
 */
class AuditCrashSafetyTest {

    /** Kill trials; each kills one run at a random moment and completes it with a second run. */
    static final int TRIALS = 6;
    static final long SEED = 20261127L;
    private static final String ATTFIND = "attfind:\n  images_per_run: 100\n  k: 2\n  method: exhaustive\n";

    @TempDir
    Path tmp;

    @Test
    void killedRuns_nextRunCompletesThem_sameRecordsAndFindingsAsUninterrupted() throws Exception {
        Path archive = AuditFixtures.archive(tmp.resolve("archive"), 30, 11);
        Path bundle = AuditFixtures.bundle(tmp.resolve("bundle"));
        Path base = Files.createDirectories(tmp.resolve("baseline"));
        Path baseProtocol = protocol(base, archive, bundle);
        long t0 = System.nanoTime();
        Process p = audit(baseProtocol, base.resolve("log"));
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "baseline audit did not finish");
        assertEquals(0, p.exitValue(), log(base));
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;
        AuditFixtures.Stored expected = AuditFixtures.read(base.resolve("ws"));
        assertEquals(30, expected.predictions().size());
        assertEquals(4, expected.findings().size());

        Random r = new Random(SEED);
        List<String> trials = new ArrayList<>();
        for (int t = 0; t < TRIALS; t++) {
            Path dir = Files.createDirectories(tmp.resolve("trial" + t));
            Path protocol = protocol(dir, archive, bundle);
            // Kill points spread over the whole run: JVM start, ingest, classification, AttFind, report.
            long killAt = 300 + (long) (r.nextDouble() * fullMillis);
            Process victim = audit(protocol, dir.resolve("log-killed"));
            boolean finished = victim.waitFor(killAt, TimeUnit.MILLISECONDS);
            if (!finished) {
                victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
                victim.waitFor();
            }
            trials.add(killAt + " ms: " + (finished ? "finished first" : stateAfterKill(dir.resolve("ws"))));
            Process next = audit(protocol, dir.resolve("log"));
            assertTrue(next.waitFor(10, TimeUnit.MINUTES), "completion run did not finish");
            assertEquals(0, next.exitValue(), "trial " + t + " killed at " + killAt + " ms: " + log(dir));
            AuditFixtures.Stored got = AuditFixtures.read(dir.resolve("ws"));
            String where = "trial " + t + " killed at " + killAt + " ms of " + fullMillis;
            assertEquals(expected.instances(), got.instances(), where);
            assertEquals(expected.predictions(), got.predictions(), where);
            assertEquals(expected.findings(), got.findings(), where);
            assertTrue(got.reportRecorded(), where);
            try (var pdfs = Files.list(dir.resolve("out"))) {
                assertEquals(1, pdfs.filter(f -> f.getFileName().toString().endsWith(".pdf")).count(), where);
            }
        }
        System.out.println("audit kill trials (full run " + fullMillis + " ms): " + trials);
    }

    @Test
    void twoConcurrentAudits_oneProceedsTheOtherExits1AtOnce() throws Exception {
        Path archive = AuditFixtures.archive(tmp.resolve("archive"), 40, 3);
        Path bundle = AuditFixtures.bundle(tmp.resolve("bundle"));
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Path protocol = protocol(dir, archive, bundle);
        Process first = audit(protocol, dir.resolve("log-first"));
        // The first run opens the catalog only after taking the lock.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!Files.exists(dir.resolve("ws").resolve("catalog.mv.db")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Process second = audit(protocol, dir.resolve("log-second"));
        assertTrue(second.waitFor(2, TimeUnit.MINUTES));
        assertTrue(first.isAlive(), "the first audit ended before the second tried the lock; test inconclusive");
        assertEquals(1, second.exitValue(), Files.readString(dir.resolve("log-second")));
        String err = Files.readString(dir.resolve("log-second"), StandardCharsets.UTF_8).strip();
        assertTrue(err.contains("audit: another audit holds the workspace"), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(first.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, first.exitValue(), Files.readString(dir.resolve("log-first")));
    }

    /** Describes what a killed run had committed, to show which stage the kill hit. */
    private static String stateAfterKill(Path ws) throws Exception {
        if (!Files.exists(ws.resolve("catalog.mv.db"))) {
            return "before the workspace was opened";
        }
        AuditFixtures.Stored s = AuditFixtures.read(ws);
        return s.instances().size() + " catalogued, " + s.predictions().size() + " classified, "
                + (s.findings().isEmpty() ? "no findings" : "findings stored")
                + (s.reportRecorded() ? ", report recorded" : "");
    }

    private static Path protocol(Path dir, Path archive, Path bundle) throws IOException {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, "archive:\n  folder: " + archive + "\nworkspace: ws\nbundle: " + bundle
                + "\nclasses: [other, red]\noutput: out\n" + ATTFIND);
        return f;
    }

    private static Process audit(Path protocol, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx512m", "-Dai.djl.offline=true",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp",
                System.getProperty("java.class.path"), "org.stylexaudit.cli.Main", "audit", "-q", "--threads", "1",
                "--protocol", protocol.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String log(Path dir) throws IOException {
        return Files.readString(dir.resolve("log"));
    }
}
