package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.synth.GroundTruth;
import org.stylexaudit.synth.GroundTruthRow;

class SynthCommandTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void synth_pngFormat_writesImagesAndGroundTruth() throws Exception {
        Path dir = tmp.resolve("train");
        int code = run("synth", "--out", dir.toString(), "--count", "5", "--seed", "3", "--resolution", "64",
                "--format", "png", "--threads", "2");
        assertEquals(ExitCodes.OK, code, err.toString());
        assertTrue(out.toString().contains("wrote 5 images"), out.toString());
        List<GroundTruthRow> rows = GroundTruth.read(dir.resolve("ground-truth.csv"));
        assertEquals(5, rows.size());
        for (GroundTruthRow r : rows) {
            assertTrue(Files.isRegularFile(dir.resolve(r.file())), r.file());
            assertEquals("png", r.format());
        }
    }

    @Test
    void synth_shortcutOutOfRange_isUsageError() {
        int code = run("synth", "--out", tmp.toString(), "--count", "5", "--seed", "3", "--shortcut-strength", "1.5");
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("shortcut strength between 0 and 1"), err.toString());
    }

    @Test
    void synth_unknownFormat_isUsageError() {
        int code = run("synth", "--out", tmp.toString(), "--count", "5", "--seed", "3", "--format", "tiff");
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("'archive' or 'png'"), err.toString());
    }
}
