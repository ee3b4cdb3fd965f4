package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.audit.AuditFixtures;
import org.stylexaudit.audit.AuditRun;
import org.stylexaudit.audit.RunLock;
import org.stylexaudit.audit.RunSummary;
import org.stylexaudit.audit.RunSummaryJson;

class AuditCommandTest {

    @TempDir
    Path tmp;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static void disc(Path file, int size, int grey) throws Exception {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (Math.hypot(x + 0.5 - size / 2.0, y + 0.5 - size / 2.0) < size * 0.45) {
                    img.setRGB(x, y, (grey << 16) | ((grey / 2) << 8) | (grey / 4) + ((x * 7 + y * 3) % 9));
                }
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private Path protocol(String extra) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("protocols"));
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, """
                archive:
                  folder: ../archive
                workspace: ../ws
                bundle: ../bundle
                classes: [other, red]
                output: ../out
                attfind:
                  k: 1
                """ + extra);
        AuditFixtures.bundle(tmp.resolve("bundle"));
        return f;
    }

    @Test
    void audit_newThenNothingNew_exit0AndSecondRunDoesNoModelWork() throws Exception {
        Path archive = Files.createDirectories(tmp.resolve("archive"));
        disc(archive.resolve("a.png"), 120, 200);
        disc(archive.resolve("b.png"), 130, 170);
        Path p = protocol("");
        assertEquals(0, run("audit", "-q", "--protocol", p.toString()), err.toString());
        RunSummary first = new RunSummaryJson().read(tmp.resolve("out").resolve(AuditRun.SUMMARY_FILE));
        assertEquals(2, first.newImages());
        assertEquals(2, first.classified());
        assertTrue(first.modelWork());
        assertTrue(out.toString().contains("report: "), out.toString());

        assertEquals(0, run("audit", "-q", "--protocol", p.toString()), err.toString());
        assertTrue(out.toString().contains("nothing new since the last run"), out.toString());
        RunSummary second = new RunSummaryJson().read(tmp.resolve("out").resolve(AuditRun.SUMMARY_FILE));
        assertEquals(0, second.newImages());
        assertEquals("nothing-new", second.outcome());
        assertEquals(false, second.modelWork());
    }

    @Test
    void audit_invalidProtocol_exit2NamesField() throws Exception {
        Path p = protocol("report:\n  title: 3\n");
        assertEquals(2, run("audit", "--protocol", p.toString()));
        assertTrue(err.toString().contains("report.title: must be a non-empty string, got 3"), err.toString());
    }

    @Test
    void audit_bundleClassesDiffer_exit2NamesClasses() throws Exception {
        Files.createDirectories(tmp.resolve("archive"));
        Path p = protocol("");
        Files.writeString(p, Files.readString(p).replace("[other, red]", "[healthy, sick]"));
        assertEquals(2, run("audit", "-q", "--protocol", p.toString()));
        assertTrue(err.toString().contains("classes: the protocol names [healthy, sick]"), err.toString());
    }

    @Test
    void audit_workspaceLocked_exit1WithMessage() throws Exception {
        Files.createDirectories(tmp.resolve("archive"));
        Path p = protocol("");
        try (RunLock held = RunLock.acquire(tmp.resolve("ws"))) {
            assertEquals(1, run("audit", "-q", "--protocol", p.toString()));
        }
        assertTrue(err.toString().contains("another audit holds the workspace"), err.toString());
        assertTrue(Files.notExists(tmp.resolve("out").resolve(AuditRun.SUMMARY_FILE)));
    }
}
