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

/** The input-limit options reach the readers, and invalid values are usage errors. */
class LimitOptionsTest {

    @TempDir
    Path tmp;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void ingest_maxPixelsBelowTheImage_rejectsItAsTooLarge() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        ImageIO.write(new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB), "png", src.resolve("a.png").toFile());
        assertEquals(ExitCodes.PARTIAL, run("ingest", "--quiet", "--keep-paths", "--max-pixels", "10000", "-w",
                tmp.resolve("ws").toString(), "-s", src.toString()));
        assertTrue(out.toString().contains("rejected a.png: image too large: 200 x 100 pixels exceeds the limit of "
                + "10000"), out.toString());
    }

    @Test
    void ingest_nonPositiveDicomLimit_isAUsageError() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        assertEquals(ExitCodes.USAGE, run("ingest", "--dicom-max-depth", "0", "-w", tmp.resolve("ws").toString(),
                "-s", src.toString()));
        assertTrue(err.toString().contains("every read limit must be positive"), err.toString());
    }

    @Test
    void studyImport_nonPositiveLimit_isAUsageError() throws Exception {
        Path csv = Files.writeString(tmp.resolve("p.csv"), "x\n");
        assertEquals(ExitCodes.USAGE, run("study", "import", "--max-csv-rows", "0", "-w", tmp.resolve("ws").toString(),
                csv.toString()));
        assertTrue(err.toString().contains("every import limit must be positive"), err.toString());
    }
}
