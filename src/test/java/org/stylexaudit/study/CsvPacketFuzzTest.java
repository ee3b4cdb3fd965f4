package org.stylexaudit.study;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.stylexaudit.fuzz.InputBudget;

/**
 * Coverage-guided fuzzing of the filled-packet CSV reader (RFC 4180 parsing, limits and row checks). Corpus in
 * {@code src/test/resources/org/stylexaudit/study/CsvPacketFuzzTestInputs/readCsv}; only
 * {@link PacketRejectedException} may leave the reader.
 */
class CsvPacketFuzzTest {

    private static final Path FILE = Path.of("packet.csv");

    @FuzzTest(maxDuration = "10m")
    void readCsv(byte[] input) {
        long start = InputBudget.start();
        try {
            StudyImporter.readCsv(FILE, new String(input, StandardCharsets.UTF_8), ImportLimits.DEFAULT);
        } catch (PacketRejectedException expected) {
            // the importer's refusal, naming the file and the reason
        }
        InputBudget.check(start, "CSV packet read");
    }
}
