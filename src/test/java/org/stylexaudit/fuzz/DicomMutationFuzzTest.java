package org.stylexaudit.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stylexaudit.dicom.DicomException;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomReader;
import org.stylexaudit.dicom.ImageDecoder;
import org.stylexaudit.dicom.ReadLimits;

/**
 * Feeds bit-flipped, truncated and spliced copies of the project's DICOM test files to the reader and every
 * pixel decoder. Seeded so a failure replays exactly; the count is raised with -Dfuzz.mutants for campaigns.
 */
class DicomMutationFuzzTest {

    private static final long SEED = 20261127L;

    @Test
    void readAndDecode_mutatedSeeds_failOnlyWithDicomException() throws IOException {
        List<byte[]> seeds = seeds();
        assertTrue(seeds.size() >= 2, "seed corpus missing");
        int mutants = Integer.getInteger("fuzz.mutants", 3000);
        // A small pixel budget keeps every mutant cheap while still exercising the limit checks.
        ReadLimits limits = ReadLimits.DEFAULT.withMaxPixelSamples(1L << 22).withMaxFileBytes(1L << 20);
        DicomReader reader = new DicomReader(limits);
        ImageDecoder decoder = new ImageDecoder(limits);
        Random random = new Random(SEED);
        int rejected = 0;
        for (int i = 0; i < mutants; i++) {
            byte[] input = Mutator.mutate(random, seeds);
            try {
                DicomObject ds = reader.read(input);
                int frames = Math.min(decoder.frameCount(ds), 4);
                for (int f = 0; f < frames; f++) {
                    decoder.decodeFrame(ds, f);
                }
            } catch (DicomException expected) {
                rejected++;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                Path kept = Path.of(System.getProperty("java.io.tmpdir"), "fuzz-crash-" + i + ".dcm");
                Files.write(kept, input);
                fail("mutant " + i + " (kept at " + kept + ") threw " + e, e);
            }
        }
        assertTrue(rejected > 0, "no mutant was rejected: the mutator is not mutating");
    }

    private static List<byte[]> seeds() throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/dicom"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }
}
