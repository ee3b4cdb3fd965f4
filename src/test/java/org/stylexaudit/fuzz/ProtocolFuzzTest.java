package org.stylexaudit.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.stylexaudit.audit.ProtocolException;
import org.stylexaudit.audit.ProtocolLoader;

/**
 * Coverage-guided fuzzing of the YAML protocol loader (snakeyaml-engine with limits, then validation). Corpus in
 * {@code src/test/resources/org/stylexaudit/fuzz/ProtocolFuzzTestInputs/parse}; only {@link ProtocolException}
 * may leave the loader.
 */
class ProtocolFuzzTest {

    private static final Path FILE = Path.of("fuzz", "protocol.yaml");

    @FuzzTest(maxDuration = "10m")
    void parse(byte[] input) {
        long start = InputBudget.start();
        try {
            ProtocolLoader.parse(FILE, new String(input, StandardCharsets.UTF_8));
        } catch (ProtocolException expected) {
            // one-line refusal naming the file and field
        }
        InputBudget.check(start, "protocol parse");
    }
}
