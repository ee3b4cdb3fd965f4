package org.stylexaudit.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * Feeds bit-flipped, truncated and spliced copies of the DICOM seed corpus (dcmtk-made files and generated files in
 * every decoded transfer syntax) to the reader and every pixel decoder. Seeded so a failure replays exactly; the
 * count is raised with -Dfuzz.mutants for campaigns, which also enforce the 1 s CPU budget per input (the plain
 * suite runs on a shared machine and records the slowest input without judging it).
 */
class DicomMutationFuzzTest {

    private static final long SEED = 20261127L;
    private static final Path CORPUS = Path.of("src/test/resources/org/stylexaudit/fuzz/DicomFuzzTestInputs/readAndDecode");

    @Test
    void readAndDecode_mutatedSeeds_failOnlyWithDicomException() throws IOException {
        List<byte[]> seeds = seeds();
        assertTrue(seeds.size() >= 10, "seed corpus missing");
        Integer campaign = Integer.getInteger("fuzz.mutants");
        int mutants = campaign != null ? campaign : 3000;
        // A small pixel budget keeps every mutant cheap while still exercising the limit checks.
        ReadLimits limits = ReadLimits.DEFAULT.withMaxPixelSamples(1L << 22).withMaxFileBytes(1L << 20);
        DicomReader reader = new DicomReader(limits);
        ImageDecoder decoder = new ImageDecoder(limits);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Random random = new Random(Long.getLong("fuzz.seed", SEED));
        int rejected = 0;
        long slowest = 0;
        int slowestIndex = -1;
        for (int i = 0; i < mutants; i++) {
            byte[] input = Mutator.mutate(random, seeds);
            long start = threads.getCurrentThreadCpuTime();
            try {
                DicomObject ds = reader.read(input);
                int frames = Math.min(decoder.frameCount(ds), 4);
                for (int f = 0; f < frames; f++) {
                    decoder.decodeFrame(ds, f);
                }
            } catch (DicomException expected) {
                rejected++;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                fail("mutant " + i + " (kept at " + keep(i, input) + ") threw " + e, e);
            }
            long took = threads.getCurrentThreadCpuTime() - start;
            if (i >= InputBudget.WARM_UP_INPUTS && took > slowest) {
                slowest = took;
                slowestIndex = i;
            }
            if (campaign != null && i >= InputBudget.WARM_UP_INPUTS && took > InputBudget.MAX_NANOS) {
                fail("mutant " + i + " (kept at " + keep(i, input) + ") took " + took / 1_000_000 + " ms of CPU");
            }
        }
        System.out.printf("mutants %d, rejected %d, slowest after warm-up %.1f ms CPU (mutant %d)%n", mutants,
                rejected, slowest / 1e6, slowestIndex);
        assertTrue(rejected > 0, "no mutant was rejected: the mutator is not mutating");
    }

    private static Path keep(int i, byte[] input) throws IOException {
        Path kept = Path.of(System.getProperty("java.io.tmpdir"), "fuzz-crash-" + i + ".dcm");
        Files.write(kept, input);
        return kept;
    }

    private static List<byte[]> seeds() throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("seed-")).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
        return out;
    }
}
