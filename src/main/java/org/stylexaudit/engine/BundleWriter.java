package org.stylexaudit.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.ToolInfo;

/**
 * Writes a bundle folder: the ONNX files, then {@code bundle.json} with their SHA-256, all into a temporary
 * sibling folder that is renamed into place, so a reader never sees a half-written bundle.
 *
 * <pre>{@code
 * BundleManifest written = new BundleWriter(draft)          // draft: everything but files and provenance
 *         .put(BundleManifest.CLASSIFIER, classifierBytes)
 *         .put(BundleManifest.ENCODER, encoderBytes)
 *         .put(BundleManifest.STYLES, stylesBytes)
 *         .put(BundleManifest.SYNTHESIS, synthesisBytes)
 *         .write(Path.of("out/bundle"));
 * }</pre>
 */
public final class BundleWriter {

    private final BundleManifest draft;
    private final Map<String, byte[]> contents = new LinkedHashMap<>();

    /** Starts a bundle from a manifest draft; its {@code files} are ignored and computed on write. */
    public BundleWriter(BundleManifest draft) {
        this.draft = draft;
    }

    /** Adds a file with the given content under a plain file name (e.g. {@link BundleManifest#CLASSIFIER}). */
    public BundleWriter put(String name, byte[] content) {
        contents.put(name, content.clone());
        return this;
    }

    /** Adds a copy of an existing file under a plain file name. */
    public BundleWriter copy(String name, Path source) throws IOException {
        return put(name, Files.readAllBytes(source));
    }

    /**
     * Writes the bundle to {@code dir}, which must not exist or be an empty folder, and returns the manifest as
     * written (with hashes and provenance).
     *
     * @throws BundleException when the manifest is invalid or the folder cannot be written
     */
    public BundleManifest write(Path dir) throws BundleException {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String required : BundleManifest.REQUIRED) {
            if (contents.containsKey(required)) {
                hashes.put(required, Digests.sha256Hex(contents.get(required)));
            }
        }
        contents.forEach((name, data) -> hashes.putIfAbsent(name, Digests.sha256Hex(data)));
        BundleManifest manifest = draft.withFiles(hashes);
        if (manifest.provenance().isEmpty()) {
            manifest = manifest.withProvenance(provenance());
        }
        List<String> problems = manifest.problems();
        if (!problems.isEmpty()) {
            throw new BundleException("cannot write bundle " + dir + ": " + String.join("; ", problems));
        }
        Path target = dir.toAbsolutePath().normalize();
        requireWritable(target);
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".writing-");
            for (Map.Entry<String, byte[]> e : contents.entrySet()) {
                Files.write(tmp.resolve(e.getKey()), e.getValue());
            }
            BundleJson.mapper().writeValue(tmp.resolve(BundleJson.FILE).toFile(), manifest);
            if (Files.isDirectory(target)) {
                Files.delete(target); // known empty (requireWritable); rename cannot replace it portably
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            return manifest;
        } catch (IOException e) {
            throw new BundleException("cannot write bundle " + dir + ": " + e, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static void requireWritable(Path target) throws BundleException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new BundleException("cannot write bundle " + target + ": a file of that name exists");
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target)) {
            if (s.iterator().hasNext()) {
                throw new BundleException("cannot write bundle " + target + ": the folder is not empty "
                        + "(bundles are never overwritten in place)");
            }
        } catch (IOException e) {
            throw new BundleException("cannot write bundle " + target + ": " + e, e);
        }
    }

    private static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>(ToolInfo.environment());
        p.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return p;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Best effort: a leftover hidden temporary folder does not affect the bundle.
        }
    }
}
