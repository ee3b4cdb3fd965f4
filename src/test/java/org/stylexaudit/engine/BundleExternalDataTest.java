package org.stylexaudit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Digests;

class BundleExternalDataTest {

    @TempDir
    Path tmp;

    private final EngineFixtures fixtures = new EngineFixtures();

    @Test
    void load_externalDataOutsideTheFolder_isRefusedNamingTheModel() throws Exception {
        for (String location : List.of("../secret.bin", "/etc/passwd", "sub/../../secret.bin")) {
            Path dir = tmp.resolve("b" + Math.abs(location.hashCode()));
            fixtures.write(dir);
            externalise(dir, BundleManifest.CLASSIFIER, location, Map.of());
            BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> Bundle.load(dir));
            assertEquals(List.of(BundleManifest.CLASSIFIER), e.files());
            assertTrue(e.getMessage().contains("'" + location + "', outside the bundle folder"), e.getMessage());
        }
    }

    @Test
    void load_externalDataInsideTheFolderButUnlisted_isRefused() throws Exception {
        Path dir = tmp.resolve("bundle");
        fixtures.write(dir);
        Files.write(dir.resolve("weights.bin"), new byte[64]);
        externalise(dir, BundleManifest.ENCODER, "weights.bin", Map.of());
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> Bundle.load(dir));
        assertTrue(e.getMessage().contains("'weights.bin', which bundle.json does not list"), e.getMessage());
    }

    @Test
    void load_listedExternalDataFile_isCoveredByTheHashCheck() throws Exception {
        Path dir = tmp.resolve("bundle");
        fixtures.write(dir);
        byte[] data = new byte[256];
        Files.write(dir.resolve("styles.onnx.data"), data);
        externalise(dir, BundleManifest.STYLES, "styles.onnx.data", Map.of("styles.onnx.data", data));
        Bundle.load(dir); // listed, inside, hash matches: accepted
        data[7] = 1;
        Files.write(dir.resolve("styles.onnx.data"), data);
        BundleIntegrityException e = assertThrows(BundleIntegrityException.class, () -> Bundle.load(dir));
        assertEquals(List.of("styles.onnx.data"), e.files());
        assertTrue(e.getMessage().contains("styles.onnx.data does not match its SHA-256"), e.getMessage());
    }

    @Test
    void insideFolder_acceptsOnlyRelativePathsThatStayInside() {
        assertEquals("w.bin", ExternalData.insideFolder("./w.bin"));
        assertEquals("a/w.bin", ExternalData.insideFolder("a/w.bin"));
        assertNull(ExternalData.insideFolder("../w.bin"));
        assertNull(ExternalData.insideFolder("/w.bin"));
        assertNull(ExternalData.insideFolder("C:\\w.bin"));
        assertNull(ExternalData.insideFolder("a\\..\\..\\w.bin"));
        assertNull(ExternalData.insideFolder("."));
    }

    /**
     * Moves the first initializer of {@code model} to external data at {@code location} and rewrites the manifest
     * with the model's new hash (plus {@code extraFiles}), so only the external reference can fail verification.
     */
    private static void externalise(Path dir, String model, String location, Map<String, byte[]> extraFiles)
            throws Exception {
        ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(dir.resolve(model)));
        assertTrue(proto.getGraph().getInitializerCount() > 0, model + " has initializers");
        TensorProto t = proto.getGraph().getInitializer(0).toBuilder().setRawData(ByteString.EMPTY).clearFloatData()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location))
                .addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue("0")).build();
        ModelProto changed = proto.toBuilder().setGraph(proto.getGraph().toBuilder().setInitializer(0, t)).build();
        Files.write(dir.resolve(model), changed.toByteArray());
        BundleManifest m = Bundle.readManifest(dir);
        Map<String, String> files = new LinkedHashMap<>(m.files());
        files.put(model, Digests.sha256Hex(changed.toByteArray()));
        extraFiles.forEach((name, bytes) -> files.put(name, Digests.sha256Hex(bytes)));
        BundleJson.mapper().writeValue(dir.resolve(BundleJson.FILE).toFile(), m.withFiles(files));
    }
}
