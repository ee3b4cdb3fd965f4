package org.stylexaudit.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Digests;

class BundleTest {

    @TempDir
    Path tmp;

    private final EngineFixtures fixtures = new EngineFixtures();

    @Test
    void write_thenLoad_roundTripsManifestAndHashes() throws Exception {
        Path dir = tmp.resolve("bundle");
        BundleManifest written = fixtures.write(dir);
        Bundle bundle = Bundle.load(dir);
        assertEquals(written, bundle.manifest());
        BundleManifest draft = EngineFixtures.draft();
        assertEquals(draft.classNames(), bundle.manifest().classNames());
        assertEquals(draft.styleLayout(), bundle.manifest().styleLayout());
        assertEquals(draft.valueRange(), bundle.manifest().valueRange());
        assertEquals(1200, ((Number) bundle.manifest().training().get("steps")).intValue());
        assertEquals(Map.of("batch", 16, "lrEncoder", 1e-5), bundle.manifest().training().get("hyperParameters"));
        assertEquals(List.of("classifier.onnx", "encoder.onnx", "styles.onnx", "synthesis.onnx", "mapping.onnx"),
                List.copyOf(bundle.manifest().files().keySet()));
        for (Map.Entry<String, String> e : bundle.manifest().files().entrySet()) {
            assertEquals(Digests.sha256Hex(dir.resolve(e.getKey())), e.getValue(), e.getKey());
        }
        assertTrue(bundle.manifest().provenance().containsKey("created"));
        assertTrue(bundle.manifest().provenance().get("tool").startsWith("stylex-audit"));
        assertEquals(6, bundle.manifest().styleLayout().totalSize());
        assertEquals(4, bundle.manifest().styleLayout().searchableSize());
        assertEquals("b4.torgb", bundle.manifest().styleLayout().layerOf(5).name());
        assertFalse(Files.list(tmp).anyMatch(p -> p.getFileName().toString().contains(".writing-")),
                "temporary folder left behind");
    }

    @Test
    void load_tamperedFile_isRefusedNamingIt() throws Exception {
        for (String name : List.of("classifier.onnx", "encoder.onnx", "styles.onnx", "synthesis.onnx",
                "mapping.onnx")) {
            Path dir = tmp.resolve("t-" + name);
            fixtures.write(dir);
            byte[] data = Files.readAllBytes(dir.resolve(name));
            data[data.length / 2] ^= 1;
            Files.write(dir.resolve(name), data);
            BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> Bundle.load(dir));
            assertEquals(List.of(name), e.files());
            assertTrue(e.getMessage().contains(name + " does not match its SHA-256"), e.getMessage());
        }
    }

    @Test
    void load_unlistedOnnxFile_isRefusedNamingIt() throws Exception {
        Path dir = tmp.resolve("bundle");
        fixtures.write(dir);
        Files.write(dir.resolve("extra.onnx"), fixtures.mapping());
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> Bundle.load(dir));
        assertEquals(List.of("extra.onnx"), e.files());
        assertTrue(e.getMessage().contains("extra.onnx is not listed"), e.getMessage());
    }

    @Test
    void load_removedListedFile_isRefusedNamingIt() throws Exception {
        Path dir = tmp.resolve("bundle");
        fixtures.write(dir);
        Files.delete(dir.resolve("styles.onnx"));
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> Bundle.load(dir));
        assertEquals(List.of("styles.onnx"), e.files());
        assertTrue(e.getMessage().contains("styles.onnx is missing"), e.getMessage());
    }

    @Test
    void readManifest_fileNameOutsideTheFolder_isRefused() throws Exception {
        Path dir = tmp.resolve("bundle");
        fixtures.write(dir);
        String json = Files.readString(dir.resolve("bundle.json"));
        Files.writeString(dir.resolve("bundle.json"), json.replace("\"mapping.onnx\"", "\"../mapping.onnx\""));
        BundleException e = assertThrows(BundleException.class, () -> Bundle.load(dir));
        assertTrue(e.getMessage().contains("'../mapping.onnx' is not a plain file name"), e.getMessage());
    }

    @Test
    void readManifest_invalidJson_isRefusedNamingTheManifest() throws Exception {
        Path dir = tmp.resolve("bundle");
        fixtures.write(dir);
        Files.writeString(dir.resolve("bundle.json"), "{\"formatVersion\": ");
        BundleException e = assertThrows(BundleException.class, () -> Bundle.load(dir));
        assertTrue(e.getMessage().contains("bundle.json"), e.getMessage());
    }

    @Test
    void write_missingRequiredNetwork_isRefused() {
        BundleWriter w = new BundleWriter(EngineFixtures.draft()).put(BundleManifest.CLASSIFIER, new byte[] {1});
        BundleException e = assertThrows(BundleException.class, () -> w.write(tmp.resolve("b")));
        assertTrue(e.getMessage().contains("does not list encoder.onnx"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("b")));
    }

    @Test
    void write_intoNonEmptyFolder_isRefused() throws Exception {
        Path dir = tmp.resolve("bundle");
        fixtures.write(dir);
        BundleException e = assertThrows(BundleException.class, () -> fixtures.write(dir));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
    }

    @Test
    void verifiedBytes_fileChangedAfterLoad_isRefused() throws Exception {
        Path dir = tmp.resolve("bundle");
        fixtures.write(dir);
        Bundle bundle = Bundle.load(dir);
        assertArrayEquals(fixtures.encoder(), bundle.verifiedBytes(BundleManifest.ENCODER));
        Files.write(dir.resolve(BundleManifest.ENCODER), fixtures.mapping());
        assertThrows(BundleIntegrityException.class, () -> bundle.verifiedBytes(BundleManifest.ENCODER));
    }

    /** Zips a bundle folder's files at the zip root, replacing entry {@code swap} (if given) with other content. */
    static Path zip(Path dir, Path zip, String swap, byte[] content, String extraName) throws Exception {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
             java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                out.putNextEntry(new java.util.zip.ZipEntry(name));
                out.write(name.equals(swap) ? content : Files.readAllBytes(f));
                out.closeEntry();
            }
            if (extraName != null) {
                out.putNextEntry(new java.util.zip.ZipEntry(extraName));
                out.write(content);
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void load_zippedBundle_verifiesAndRunsFromMemory() throws Exception {
        Path dir = tmp.resolve("bundle");
        BundleManifest written = fixtures.write(dir);
        Path zip = zip(dir, tmp.resolve("bundle.zip"), null, null, null);
        Bundle bundle = Bundle.load(zip);
        assertEquals(written, bundle.manifest());
        assertEquals(Files.size(dir.resolve("styles.onnx")), bundle.fileSizes().get("styles.onnx"));
        float[][] images = EngineFixtures.images(2, 9);
        try (EngineSession s = EngineSession.open(bundle, EngineOptions.cpu())) {
            float[] expected = fixtures.expectEncode(images[1]);
            float[] actual = s.encode(images)[1];
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], 1e-5);
            }
        }
    }

    @Test
    void load_zippedBundleWithTamperedOrHiddenModel_isRefusedNamingIt() throws Exception {
        Path dir = tmp.resolve("bundle");
        fixtures.write(dir);
        Path tampered = zip(dir, tmp.resolve("t.zip"), "encoder.onnx", fixtures.mapping(), null);
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> Bundle.load(tampered));
        assertEquals(List.of("encoder.onnx"), e.files());
        Path hidden = zip(dir, tmp.resolve("h.zip"), null, fixtures.mapping(), "sub/extra.onnx");
        e = assertThrows(BundleIntegrityException.class, () -> Bundle.load(hidden));
        assertEquals(List.of("sub/extra.onnx"), e.files());
    }
}
