package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.engine.EngineFixtures;

class BundleCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path bundle() throws Exception {
        Path dir = tmp.resolve("bundle");
        new EngineFixtures().write(dir);
        return dir;
    }

    @Test
    void info_validBundle_printsSummary() throws Exception {
        Path dir = bundle();
        assertEquals(ExitCodes.OK, run("bundle", "info", dir.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("4x4 RGB, values -1..1"), text);
        assertTrue(text.contains("2: healthy, disease (classifier gives logits)"), text);
        assertTrue(text.contains("2 layers, 6 coordinates, 4 searchable"), text);
        assertTrue(text.contains("synthesis.onnx"), text);
        assertTrue(text.contains(Files.size(dir.resolve("encoder.onnx")) + " B"), text);
        assertTrue(text.contains("steps 1200, dataDigest abababababababab..., fidelity {agreement=0.9750, "
                + "psnr=20.61}"), text);
    }

    @Test
    void verify_untouchedBundle_exitsZero() throws Exception {
        Path dir = bundle();
        assertEquals(ExitCodes.OK, run("bundle", "verify", dir.toString()), err.toString());
        assertTrue(out.toString().contains("5 files match"), out.toString());
    }

    @Test
    void verifyLoad_fittingNetworks_exitsZero() throws Exception {
        Path dir = bundle();
        assertEquals(ExitCodes.OK, run("bundle", "verify", "--load", dir.toString()), err.toString());
        assertTrue(out.toString().contains("sizes fit the manifest"), out.toString());
    }

    @Test
    void verifyLoad_layoutNotMatchingStyles_exitsOneSayingWhich() throws Exception {
        Path dir = tmp.resolve("bundle");
        org.stylexaudit.engine.BundleManifest d = EngineFixtures.draft();
        org.stylexaudit.engine.BundleManifest wrong = new org.stylexaudit.engine.BundleManifest(d.formatVersion(),
                d.resolution(), d.channelOrder(), d.valueRange(), d.classNames(), d.classifierOutput(),
                new org.stylexaudit.engine.StyleLayout(java.util.List.of(
                        new org.stylexaudit.engine.StyleLayout.Layer("b4.conv", 0, 5, 4, "conv"))),
                null, d.training(), null);
        new EngineFixtures().write(dir, wrong);
        assertEquals(ExitCodes.FAILURE, run("bundle", "verify", "--load", dir.toString()));
        assertTrue(err.toString().contains("styles.onnx gives 6 style coordinates (layout total), the manifest "
                + "implies 5"), err.toString());
    }

    @Test
    void verify_tamperedFile_exitsOneNamingIt() throws Exception {
        Path dir = bundle();
        Files.writeString(dir.resolve("synthesis.onnx"), "tampered");
        assertEquals(ExitCodes.FAILURE, run("bundle", "verify", dir.toString()));
        String message = err.toString();
        assertTrue(message.contains("synthesis.onnx does not match its SHA-256"), message);
        assertEquals(1, message.strip().lines().count(), message);
    }

    @Test
    void verify_missingFolder_isUsageError() {
        assertEquals(ExitCodes.USAGE, run("bundle", "verify", tmp.resolve("nope").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());
    }
}
