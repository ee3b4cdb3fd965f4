package org.stylexaudit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSessionTest {

    @TempDir
    Path tmp;

    private final EngineFixtures fixtures = new EngineFixtures();

    private Bundle bundle() throws Exception {
        Path dir = tmp.resolve("bundle");
        if (!Files.exists(dir)) {
            fixtures.write(dir);
        }
        return Bundle.load(dir);
    }

    @Test
    void networks_tinyGraphs_matchPlainJava() throws Exception {
        float[][] images = EngineFixtures.images(5, 1);
        try (EngineSession s = EngineSession.open(bundle(), EngineOptions.cpu().withThreads(1))) {
            assertEquals("cpu", s.device());
            float[][] logits = s.classify(images);
            float[][] w = s.encode(images);
            float[][] styles = s.styles(w, logits);
            float[][] recon = s.synthesize(styles);
            float[][] mapped = s.map(w);
            for (int i = 0; i < images.length; i++) {
                assertClose(fixtures.expectClassify(images[i]), logits[i]);
                assertClose(fixtures.expectEncode(images[i]), w[i]);
                assertClose(fixtures.expectStyles(w[i], logits[i]), styles[i]);
                assertClose(fixtures.expectSynthesize(styles[i]), recon[i]);
                assertClose(fixtures.expectMap(w[i]), mapped[i]);
            }
            assertEquals(EngineFixtures.IMAGE, recon[0].length);
        }
    }

    @Test
    void classify_smallBatches_equalOneBatch() throws Exception {
        float[][] images = EngineFixtures.images(7, 2);
        Bundle b = bundle();
        float[][] whole;
        float[][] pieces;
        try (EngineSession s = EngineSession.open(b, EngineOptions.cpu())) {
            whole = s.encode(images);
        }
        try (EngineSession s = EngineSession.open(b, EngineOptions.cpu().withBatchSize(3))) {
            pieces = s.encode(images);
        }
        for (int i = 0; i < images.length; i++) {
            assertArrayEquals(whole[i], pieces[i], 1e-6f);
        }
    }

    @Test
    void synthesize_perLayerInputs_getTheirSlices() throws Exception {
        Path dir = tmp.resolve("per-layer");
        new BundleWriter(EngineFixtures.draft())
                .put(BundleManifest.CLASSIFIER, fixtures.classifier())
                .put(BundleManifest.ENCODER, fixtures.encoder())
                .put(BundleManifest.STYLES, fixtures.styles())
                .put(BundleManifest.SYNTHESIS, fixtures.perLayerSynthesis())
                .write(dir);
        float[][] styles = EngineFixtures.images(3, 3);
        for (int i = 0; i < styles.length; i++) {
            styles[i] = java.util.Arrays.copyOf(styles[i], EngineFixtures.S);
        }
        try (EngineSession s = EngineSession.open(Bundle.load(dir), EngineOptions.cpu())) {
            float[][] out = s.synthesize(styles);
            for (int i = 0; i < styles.length; i++) {
                assertClose(fixtures.expectSynthesize(styles[i]), out[i]);
            }
            EngineException e = assertThrows(EngineException.class, () -> s.map(styles));
            assertTrue(e.getMessage().contains("no mapping.onnx"), e.getMessage());
        }
    }

    @Test
    void classify_wrongRowLength_saysWhatWasExpected() throws Exception {
        try (EngineSession s = EngineSession.open(bundle(), EngineOptions.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.classify(new float[] {1, 2, 3}));
            assertTrue(e.getMessage().contains("48 values, got 3"), e.getMessage());
        }
    }

    @Test
    void open_cudaUnavailable_fallsBackToCpuWithOneNote() throws Exception {
        // The CPU artifact of ONNX Runtime has no CUDA provider; on a GPU build with a GPU this test would run on
        // CUDA, so it only asserts the fall-back where CUDA really is unavailable.
        boolean cpuBuild = !ai.onnxruntime.OrtEnvironment.getAvailableProviders()
                .contains(ai.onnxruntime.OrtProvider.CUDA);
        try (EngineSession s = EngineSession.open(bundle(), EngineOptions.cpu().withDevice("cuda:0", false))) {
            if (cpuBuild) {
                assertEquals("cpu", s.device());
            }
            if ("cpu".equals(s.device())) {
                assertEquals(1, s.notes().size());
                assertTrue(s.notes().get(0).contains("continuing on CPU"), s.notes().get(0));
                System.out.println("fallback note: " + s.notes().get(0));
            }
            float[][] images = EngineFixtures.images(2, 4);
            assertClose(fixtures.expectEncode(images[1]), s.encode(images)[1]);
            assertTrue(s.notes().size() <= 1, "one note, not one per network: " + s.notes());
        }
    }

    @Test
    void open_cudaRequiredButUnavailable_fails() throws Exception {
        Bundle b = bundle();
        if (ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA)) {
            return; // GPU build: whether CUDA loads depends on the host, not on this code
        }
        EngineException e = assertThrows(EngineException.class,
                () -> EngineSession.open(b, EngineOptions.cpu().withDevice("cuda:1", true)));
        assertTrue(e.getMessage().contains("cuda:1"), e.getMessage());
    }

    @Test
    void options_badDevice_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineOptions.cpu().withDevice("gpu0", false));
        assertTrue(e.getMessage().contains("gpu0"));
    }

    private static void assertClose(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], 1e-5, "element " + k);
        }
    }
}
