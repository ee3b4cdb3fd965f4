package org.stylexaudit.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stylexaudit.dicom.DicomException;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomReader;
import org.stylexaudit.dicom.ImageDecoder;
import org.stylexaudit.dicom.ReadLimits;

/**
 * Coverage-guided fuzzing of the DICOM reader and every pixel decoder (native, deflate, RLE, JPEG baseline,
 * extended and lossless). In the plain test run it replays the corpus in
 * {@code src/test/resources/org/stylexaudit/fuzz/DicomFuzzTestInputs/readAndDecode}; with {@code JAZZER_FUZZ=1} it
 * fuzzes (docs/reliability.md). Any exception other than {@link DicomException}, an OutOfMemoryError or a stack
 * overflow fails the input, as does (while fuzzing) an input taking more than a second.
 */
class DicomFuzzTest {

    // A small pixel budget and file bound keep each input cheap; the limit checks themselves are under test too.
    private static final ReadLimits LIMITS = ReadLimits.DEFAULT.withMaxPixelSamples(1L << 22)
            .withMaxFileBytes(1L << 20);
    private static final int MAX_FRAMES = 4;

    private final DicomReader reader = new DicomReader(LIMITS);
    private final ImageDecoder decoder = new ImageDecoder(LIMITS);

    @FuzzTest(maxDuration = "30m")
    void readAndDecode(byte[] input) {
        long start = InputBudget.start();
        try {
            DicomObject ds = reader.read(input);
            int frames = Math.min(decoder.frameCount(ds), MAX_FRAMES);
            for (int f = 0; f < frames; f++) {
                decoder.decodeFrame(ds, f);
            }
        } catch (DicomException expected) {
            // the codec's own refusal is the documented outcome for a broken file
        }
        InputBudget.check(start, "DICOM read and decode");
    }

    /** The generated seeds must be valid, or the fuzzer would start from the error paths only. */
    @Test
    void seeds_decodeWithoutError() throws Exception {
        Map<String, byte[]> seeds = SeedFiles.dicom();
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            DicomObject ds = reader.read(e.getValue());
            assertTrue(decoder.decodeFrame(ds, 0).getWidth() > 0, e.getKey());
        }
    }
}
