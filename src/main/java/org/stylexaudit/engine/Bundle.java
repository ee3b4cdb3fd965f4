package org.stylexaudit.engine;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylexaudit.common.Digests;

/**
 * A StylEx model bundle: a folder with {@code bundle.json} and the ONNX networks it lists. Loading verifies every
 * listed file against its SHA-256 and refuses ONNX files the manifest does not list.
 *
 * <pre>{@code
 * Bundle bundle = Bundle.load(Path.of("sample-studies/bundle"));
 * try (EngineSession session = EngineSession.open(bundle, EngineOptions.cpu())) {
 *     float[][] logits = session.classify(images);
 * }
 * }</pre>
 */
public final class Bundle {

    private final Path dir;
    private final BundleManifest manifest;

    private Bundle(Path dir, BundleManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Loads and verifies a bundle folder.
     *
     * @throws BundleIntegrityException when a listed file is missing or differs from its hash, or an unlisted ONNX
     *     file is present (every such file is named)
     * @throws BundleException when the folder or its manifest cannot be read or is invalid
     */
    public static Bundle load(Path dir) throws BundleException {
        Bundle bundle = new Bundle(dir, readManifest(dir));
        bundle.verify();
        return bundle;
    }

    /**
     * Reads and validates {@code bundle.json} without checking file hashes (for {@code bundle info}).
     *
     * @throws BundleException when the folder or manifest is missing, unreadable or invalid
     */
    public static BundleManifest readManifest(Path dir) throws BundleException {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("bundle " + dir + " is not a folder");
        }
        Path json = dir.resolve(BundleJson.FILE);
        if (!Files.isRegularFile(json)) {
            throw new BundleException("bundle " + dir + " has no " + BundleJson.FILE);
        }
        BundleManifest m;
        try {
            m = BundleJson.mapper().readValue(json.toFile(), BundleManifest.class);
        } catch (JacksonException e) {
            throw new BundleException("bundle " + dir + ": " + BundleJson.FILE + " is not a valid manifest: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BundleException("bundle " + dir + ": cannot read " + BundleJson.FILE + ": " + e, e);
        }
        List<String> problems = m.problems();
        if (!problems.isEmpty()) {
            throw new BundleException("bundle " + dir + ": " + BundleJson.FILE + " is invalid: "
                    + String.join("; ", problems));
        }
        return m;
    }

    /** Returns the bundle folder. */
    public Path dir() {
        return dir;
    }

    /** Returns the verified manifest. */
    public BundleManifest manifest() {
        return manifest;
    }

    /** Returns the sizes in bytes of the listed files, in manifest order. */
    public Map<String, Long> fileSizes() throws BundleException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String name : manifest.files().keySet()) {
            try {
                sizes.put(name, Files.size(dir.resolve(name)));
            } catch (IOException e) {
                throw new BundleException("bundle " + dir + ": cannot read " + name + ": " + e, e);
            }
        }
        return sizes;
    }

    /**
     * Reads a listed file and checks it against its hash again, so what a session loads is exactly what was
     * verified even if the folder changed after {@link #load}.
     *
     * @throws BundleIntegrityException when the file is not listed, is missing, or no longer matches
     */
    public byte[] verifiedBytes(String name) throws BundleException {
        String expected = manifest.files().get(name);
        if (expected == null) {
            throw new BundleIntegrityException(dir.toString(), List.of(name), List.of(name + " is not listed"));
        }
        byte[] data;
        try {
            data = Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new BundleIntegrityException(dir.toString(), List.of(name), List.of(name + " cannot be read ("
                    + e.getClass().getSimpleName() + ")"));
        }
        if (!expected.equals(Digests.sha256Hex(data))) {
            throw new BundleIntegrityException(dir.toString(), List.of(name),
                    List.of(name + " does not match its SHA-256"));
        }
        return data;
    }

    private void verify() throws BundleException {
        List<String> bad = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : manifest.files().entrySet()) {
            Path file = dir.resolve(e.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                bad.add(e.getKey());
                problems.add(e.getKey() + " is missing" + (Files.isSymbolicLink(file) ? " (symbolic links are not "
                        + "accepted)" : ""));
                continue;
            }
            try {
                if (!e.getValue().equals(Digests.sha256Hex(file))) {
                    bad.add(e.getKey());
                    problems.add(e.getKey() + " does not match its SHA-256");
                }
            } catch (IOException ex) {
                bad.add(e.getKey());
                problems.add(e.getKey() + " cannot be read (" + ex.getClass().getSimpleName() + ")");
            }
        }
        for (String unlisted : unlistedOnnx()) {
            bad.add(unlisted);
            problems.add(unlisted + " is not listed in " + BundleJson.FILE);
        }
        if (!bad.isEmpty()) {
            throw new BundleIntegrityException(dir.toString(), bad, problems);
        }
    }

    /** Returns ONNX files (and ONNX external-data files) in the folder that the manifest does not list. */
    private List<String> unlistedOnnx() throws BundleException {
        List<String> unlisted = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                boolean model = lower.endsWith(".onnx") || lower.endsWith(".onnx.data") || lower.endsWith(".ort");
                if (model && !manifest.files().containsKey(name)) {
                    unlisted.add(name);
                }
            }
        } catch (IOException e) {
            throw new BundleException("bundle " + dir + ": cannot list the folder: " + e, e);
        }
        unlisted.sort(null);
        return unlisted;
    }
}
