package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamSetTest {

    /** Writes a stream by hand, as a damaged or foreign checkpoint would hold it. */
    private static byte[] stream(String net, String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(net);
            out.writeInt(names.length);
            for (String name : names) {
                out.writeUTF(name);
                out.writeInt(1);
                out.writeLong(2);
                out.writeFloat(7f);
                out.writeFloat(8f);
            }
        }
        return bytes.toByteArray();
    }

    private static ParamSet twoParameters(NDManager m) {
        ParamSet p = new ParamSet("g", m);
        p.constant("a", new Shape(2), 1f);
        p.constant("b", new Shape(2), 1f);
        return p;
    }

    @Test
    void read_restoresValuesWrittenByWrite() throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ParamSet source = twoParameters(m);
             ParamSet target = twoParameters(m)) {
            source.get("a").set(new float[] {3f, 4f});
            source.get("b").set(new float[] {5f, 6f});
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                source.write(out);
            }
            List<String> kept = target.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), false);
            assertTrue(kept.isEmpty());
            assertArrayEquals(new float[] {3f, 4f}, target.get("a").toFloatArray());
            assertArrayEquals(new float[] {5f, 6f}, target.get("b").toFloatArray());
        }
    }

    @Test
    void read_rejectsATensorStoredTwice_evenWhenTheCountMatches() throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ParamSet p = twoParameters(m)) {
            byte[] twice = stream("g", "a", "a");
            IOException e = assertThrows(IOException.class,
                    () -> p.read(new DataInputStream(new ByteArrayInputStream(twice)), false));
            assertTrue(e.getMessage().contains("g/a twice"), e.getMessage());
        }
    }

    @Test
    void read_warmStartKeepsInitialValuesOfParametersTheStreamLacks() throws IOException {
        try (NDManager m = NDManager.newBaseManager("PyTorch");
             ParamSet p = twoParameters(m)) {
            List<String> kept = p.read(new DataInputStream(new ByteArrayInputStream(stream("g", "b"))), true);
            assertEquals(List.of("a"), kept);
            assertArrayEquals(new float[] {1f, 1f}, p.get("a").toFloatArray());
            assertArrayEquals(new float[] {7f, 8f}, p.get("b").toFloatArray());
            assertThrows(IOException.class,
                    () -> p.read(new DataInputStream(new ByteArrayInputStream(stream("g", "b"))), false));
        }
    }
}
