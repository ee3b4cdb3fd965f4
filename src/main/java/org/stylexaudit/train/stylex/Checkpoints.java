package org.stylexaudit.train.stylex;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads training checkpoints: a JSON header (format, step, seconds, configuration, digests, loss history)
 * followed by every parameter set (live networks, discriminator, moving averages) and every Adam state.
 * A checkpoint is written to a temporary file, forced to disk and moved over the old one, so a kill at any moment
 * leaves either the old or the new checkpoint, never a torn one.
 */
final class Checkpoints {

    private static final String MAGIC = "STYLEX-CHECKPOINT";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoints() {
    }

    static void write(StylexTrainer t, Path file) throws StylexException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 20))) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                TrainingRecord rec = t.record();
                Map<String, Object> header = new LinkedHashMap<>();
                header.put("step", rec.step());
                header.put("seconds", rec.seconds());
                header.put("config", rec.config());
                header.put("dataDigest", rec.dataDigest());
                header.put("classifierDigest", rec.classifierDigest());
                header.put("history", rec.history());
                byte[] h = JSON.writeValueAsBytes(header);
                out.writeInt(h.length);
                out.write(h);
                for (ParamSet p : t.stateSets()) {
                    p.write(out);
                }
                for (Adam a : t.optimizers()) {
                    a.write(out);
                }
                out.writeUTF("END");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StylexException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    static void read(StylexTrainer t, Path file) throws StylexException {
        read(t, file, false);
    }

    /**
     * Reads a checkpoint into {@code t}. With {@code warmStart} the stored hyper-parameters may differ from the
     * trainer's in everything but the architecture (learning rates, loss weights, schedule, seed); the data and
     * the classifier must still be the same.
     */
    static StylexConfig read(StylexTrainer t, Path file, boolean warmStart) throws StylexException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != FORMAT) {
                throw new StylexException(file + " is not a StylEx checkpoint of format " + FORMAT);
            }
            byte[] h = new byte[in.readInt()];
            in.readFully(h);
            Map<String, Object> header = JSON.readValue(h, new TypeReference<Map<String, Object>>() { });
            StylexConfig stored = JSON.convertValue(header.get("config"), StylexConfig.class);
            if (warmStart ? !stored.sameArchitectureAs(t.config()) : !stored.resumableAs(t.config())) {
                throw new StylexException("checkpoint " + file + " was trained with other "
                        + (warmStart ? "networks" : "hyper-parameters") + ": "
                        + stored + "; requested " + t.config());
            }
            String data = (String) header.get("dataDigest");
            if (!t.data().digest().equals(data)) {
                throw new StylexException("checkpoint " + file + " was trained on other data (digest " + data
                        + ", now " + t.data().digest() + ")");
            }
            String cls = (String) header.get("classifierDigest");
            if (!t.classifierDigest().equals(cls)) {
                throw new StylexException("checkpoint " + file + " was trained against another classifier (digest "
                        + cls + ", now " + t.classifierDigest() + ")");
            }
            List<LossPoint> history = JSON.convertValue(header.get("history"),
                    new TypeReference<List<LossPoint>>() { });
            List<String> fresh = new ArrayList<>();
            for (ParamSet p : t.stateSets()) {
                for (String name : p.read(in, warmStart)) {
                    fresh.add(p.net() + "/" + name);
                }
            }
            for (Adam a : t.optimizers()) {
                a.read(in, warmStart);
            }
            if (!fresh.isEmpty()) {
                t.log("warm start: parameters new to the checkpoint keep their initial values: "
                        + String.join(", ", new LinkedHashSet<>(fresh)));
            }
            if (!"END".equals(in.readUTF())) {
                throw new StylexException("checkpoint " + file + " is truncated or corrupt");
            }
            t.restore(((Number) header.get("step")).longValue(), ((Number) header.get("seconds")).doubleValue(),
                    history);
            return stored;
        } catch (IOException e) {
            throw new StylexException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }
}
