package org.stylexaudit.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.stylexaudit.fuzz.InputBudget;

/**
 * Coverage-guided fuzzing of PNG, JPEG and TIFF reading as ingest does it: content sniffing, then
 * {@link PlainImageReader#read}. Corpus in
 * {@code src/test/resources/org/stylexaudit/ingest/PlainImageReaderFuzzTestInputs/read}. Accepted outcomes are a
 * decoded image, {@link UnusableImageException} and {@link IOException}; anything else fails the input.
 */
class PlainImageReaderFuzzTest {

    // 1 Mi pixels: headers announcing more are refused before decoding, which is one of the paths under test.
    private final PlainImageReader reader = new PlainImageReader(1L << 20);
    private Path file;

    @BeforeEach
    void createFile() throws IOException {
        file = Files.createTempFile("fuzz-image", ".bin");
    }

    @AfterEach
    void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "10m")
    void read(byte[] input) throws IOException {
        Files.write(file, input);
        FileFormat format = FileFormat.sniff(file);
        if (format == FileFormat.UNKNOWN || format == FileFormat.DICOM || input.length == 0) {
            return;
        }
        long start = InputBudget.start();
        try {
            reader.read(file, format);
        } catch (UnusableImageException | IOException expected) {
            // the reader's documented refusals
        }
        InputBudget.check(start, format + " read");
    }
}
