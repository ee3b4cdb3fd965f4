package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.attfind.AttFindFixtures;
import org.stylexaudit.store.Workspace;

class AttFindCommandsTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void discoverThenExplain_tinyBundle_printsAttributesAndWritesFrames() throws Exception {
        Path bundle = AttFindFixtures.bundle(tmp.resolve("bundle"));
        Path ws = tmp.resolve("ws");
        try (Workspace w = Workspace.open(ws)) {
            AttFindFixtures.images(w, 8, 2);
        }
        assertEquals(0, run("discover", "-w", ws.toString(), "-b", bundle.toString(), "-n", "8", "-k", "2", "-q",
                "-t", "1"), err.toString());
        assertTrue(out.toString().contains("attributes toward red:"), out.toString());
        assertTrue(out.toString().contains("b4_conv #0 +"), out.toString());
        assertTrue(Files.isRegularFile(ws.resolve("runs/2/findings/findings.json")));

        String key;
        try (Workspace w = Workspace.open(ws)) {
            key = w.instances().accepted().get(0).imageKey();
        }
        Path frames = tmp.resolve("frames");
        assertEquals(0, run("explain", "-w", ws.toString(), "-i", key.substring(0, 12), "-k", "3", "-o",
                frames.toString(), "-t", "1"), err.toString());
        assertTrue(out.toString().contains("stored effects"), out.toString());
        assertTrue(Files.isRegularFile(frames.resolve("original.png")));
        assertTrue(Files.isRegularFile(frames.resolve("rank03.png")));
    }

    @Test
    void benchAttfind_tinyBundle_reportsRatesOverlapAndOnCpuShare() throws Exception {
        Path bundle = AttFindFixtures.bundle(tmp.resolve("bundle"));
        Path ws = tmp.resolve("ws");
        try (Workspace w = Workspace.open(ws)) {
            AttFindFixtures.images(w, 6, 3);
        }
        assertEquals(0, run("bench", "attfind", "-w", ws.toString(), "-b", bundle.toString(), "-n", "6", "-k", "2",
                "-t", "1", "-q"), err.toString());
        String o = out.toString();
        assertTrue(o.contains("exhaustive: 48 evaluations"), o); // 6 images x 4 coordinates x 2 directions
        assertTrue(o.contains("on-CPU (thread CPU time"), o);
        // The closed-form bundle's gradients rank the colour coordinates first, so screening keeps both of them.
        assertTrue(o.contains("overlap with exhaustive (shared/selected) other 2/2, red 2/2"), o);
    }

    @Test
    void discover_badInput_exitsNonZeroWithMessage() throws Exception {
        Path bundle = AttFindFixtures.bundle(tmp.resolve("bundle"));
        Path ws = tmp.resolve("ws");
        assertEquals(2, run("discover", "-w", ws.toString(), "-b", bundle.toString(), "-n", "2", "-k", "2", "-q"));
        assertTrue(err.toString().contains("no accepted images"), "err: " + err + " out: " + out);
        try (Workspace w = Workspace.open(ws)) {
            AttFindFixtures.images(w, 3, 2);
        }
        assertEquals(2, run("discover", "-w", ws.toString(), "-b", bundle.toString(), "-n", "9", "-k", "2", "-q"));
        assertTrue(err.toString().contains("more than the 3 accepted images"), err.toString());
        assertEquals(2, run("discover", "-w", ws.toString(), "-b", bundle.toString(), "-n", "3", "-k", "9", "-q"));
        assertTrue(err.toString().contains("exceeds the 4 searchable"), err.toString());
        assertEquals(2, run("discover", "-w", ws.toString(), "-b", bundle.toString(), "-m", "fast", "-q"));
        assertEquals(2, run("discover", "-w", ws.toString(), "-b", bundle.toString(), "-n", "3", "-k", "2",
                "--probes", "lesions", "-q"));
        assertTrue(err.toString().contains("--probes must be"), err.toString());
        Files.write(bundle.resolve("synthesis.onnx"), new byte[] {1, 2, 3});
        assertEquals(1, run("discover", "-w", ws.toString(), "-b", bundle.toString(), "-n", "3", "-k", "2", "-q"));
        assertTrue(err.toString().contains("synthesis.onnx"), err.toString());
        assertEquals(2, run("explain", "-w", ws.toString(), "-i", "abc"));
        assertTrue(err.toString().contains("no AttFind run"), err.toString());
    }
}
