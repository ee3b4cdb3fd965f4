package org.stylexaudit.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;

/** Validates the generated DICOM with dciodvfy from Debian's dicom3tools. */
@Tag("external")
class DicomConformanceTest {

    @TempDir
    Path tmp;

    @Test
    void dciodvfy_generatedArchive_reportsNoErrors() throws Exception {
        SynthResult r = new SynthGenerator(new SynthConfig(24, 17, 128, 0.8, 0.03, OutputFormat.ARCHIVE))
                .generate(tmp, Progress.NONE);
        List<Path> files;
        try (Stream<Path> s = Files.walk(tmp)) {
            files = s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
        assertEquals(r.dicom(), files.size());
        assertTrue(files.size() >= 10, "enough DICOM files to be a check: " + files.size());
        List<String> errors = new ArrayList<>();
        for (Path f : files) {
            String out = dciodvfy(f);
            assertTrue(out.contains("OphthalmicPhotography8BitImage"), "dciodvfy recognised the IOD: " + out);
            out.lines().filter(l -> l.startsWith("Error")).forEach(l -> errors.add(tmp.relativize(f) + ": " + l));
        }
        assertEquals(List.of(), errors);
    }

    private static String dciodvfy(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dciodvfy", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
