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
 * Holds a StylEx model bundle: a folder (or a zip of one, entries at its root) with {@code bundle.json} and the ONNX
 * networks it lists. Loading verifies every listed file against its SHA-256 and refuses ONNX files the manifest does
 * not list. A zip is read into memory once, so what was verified is what sessions load.
 *
 * <pre>{@code
 * Bundle bundle = Bundle.load(Path.of("sample-studies/bundle"));
 * try (EngineSession session = EngineSession.open(bundle, EngineOptions.cpu())) {
 *     float[][] logits = session.classify(images);
 * }
 * }</pre>
 */
public final class Bundle {

    /** Refuse zips that would inflate beyond this (a zip bomb, or not a bundle): 2 GiB per entry and in total. */
    private static final long MAX_ZIP_BYTES = Integer.MAX_VALUE - 8;

    private final Path dir;
    private final BundleManifest manifest;
    private final Map<String, byte[]> zipEntries;

    private Bundle(Path dir, BundleManifest manifest, Map<String, byte[]> zipEntries) {
        this.dir = dir;
        this.manifest = manifest;
        this.zipEntries = zipEntries;
    }

    /** Returns whether {@code path} names a zipped bundle rather than a folder. */
    public static boolean isZip(Path path) {
        return Files.isRegularFile(path)
                && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    /**
     * Loads and verifies a bundle folder.
     *
     * @throws BundleIntegrityException when a listed file is missing or differs from its hash, or an unlisted ONNX
     *     file is present (every such file is named)
     * @throws BundleException when the folder or its manifest cannot be read or is invalid
     */
    public static Bundle load(Path dir) throws BundleException {
        if (isZip(dir)) {
            Map<String, byte[]> entries = readZip(dir);
            Bundle bundle = new Bundle(dir, parseManifest(dir, entries.get(BundleJson.FILE)), entries);
            bundle.verify();
            return bundle;
        }
        Bundle bundle = new Bundle(dir, readManifest(dir), null);
        bundle.verify();
        return bundle;
    }

    /**
     * Reads and validates {@code bundle.json} without checking file hashes (for {@code bundle info}).
     *
     * @throws BundleException when the folder or manifest is missing, unreadable or invalid
     */
    public static BundleManifest readManifest(Path dir) throws BundleException {
        if (isZip(dir)) {
            return parseManifest(dir, readZip(dir).get(BundleJson.FILE));
        }
        if (!Files.isDirectory(dir)) {
            throw new BundleException("bundle " + dir + " is neither a folder nor a .zip file");
        }
        Path json = dir.resolve(BundleJson.FILE);
        if (!Files.isRegularFile(json)) {
            throw new BundleException("bundle " + dir + " has no " + BundleJson.FILE);
        }
        try {
            return parseManifest(dir, Files.readAllBytes(json));
        } catch (IOException e) {
            throw new BundleException("bundle " + dir + ": cannot read " + BundleJson.FILE + ": " + e, e);
        }
    }

    private static BundleManifest parseManifest(Path dir, byte[] json) throws BundleException {
        if (json == null) {
            throw new BundleException("bundle " + dir + " has no " + BundleJson.FILE);
        }
        BundleManifest m;
        try {
            m = BundleJson.mapper().readValue(json, BundleManifest.class);
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

    /**
     * Opens a bundle WITHOUT checking its hashes, for inspection ({@code bundle info}); use {@link #load} for
     * anything that runs the networks.
     *
     * @throws BundleException when the manifest is missing, unreadable or invalid
     */
    public static Bundle inspect(Path dir) throws BundleException {
        if (isZip(dir)) {
            Map<String, byte[]> entries = readZip(dir);
            return new Bundle(dir, parseManifest(dir, entries.get(BundleJson.FILE)), entries);
        }
        return new Bundle(dir, readManifest(dir), null);
    }

    /** Returns the sizes in bytes of the listed files in manifest order; -1 for a missing or unreadable file. */
    public Map<String, Long> fileSizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String name : manifest.files().keySet()) {
            if (zipEntries != null) {
                byte[] data = zipEntries.get(name);
                sizes.put(name, data == null ? -1L : data.length);
                continue;
            }
            try {
                sizes.put(name, Files.size(dir.resolve(name)));
            } catch (IOException e) {
                sizes.put(name, -1L);
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
            if (zipEntries != null && !zipEntries.containsKey(name)) {
                throw new java.nio.file.NoSuchFileException(name);
            }
            data = zipEntries != null ? zipEntries.get(name).clone() : Files.readAllBytes(dir.resolve(name));
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
            if (zipEntries != null) {
                byte[] data = zipEntries.get(e.getKey());
                if (data == null || !e.getValue().equals(Digests.sha256Hex(data))) {
                    bad.add(e.getKey());
                    problems.add(e.getKey() + (data == null ? " is missing" : " does not match its SHA-256"));
                }
                continue;
            }
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
        if (bad.isEmpty()) {
            externalDataProblems(bad, problems);
        }
        for (String unlisted : unlistedOnnx()) {
            bad.add(unlisted);
            problems.add(unlisted + " is not listed in " + BundleJson.FILE);
        }
        if (!bad.isEmpty()) {
            throw new BundleIntegrityException(dir.toString(), bad, problems);
        }
    }

    /**
     * Adds a problem for every listed ONNX model whose tensors keep data outside the folder or in a file the manifest
     * does not list: ONNX Runtime would read such a file without any hash having covered it.
     */
    private void externalDataProblems(List<String> bad, List<String> problems) throws BundleException {
        for (String name : manifest.files().keySet()) {
            if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".onnx")) {
                continue;
            }
            List<String> found = ExternalData.problems(name, verifiedBytes(name), manifest.files().keySet());
            if (!found.isEmpty()) {
                bad.add(name);
                problems.addAll(found);
            }
        }
    }

    /** Returns ONNX files (and ONNX external-data files) in the folder that the manifest does not list. */
    private List<String> unlistedOnnx() throws BundleException {
        List<String> unlisted = new ArrayList<>();
        if (zipEntries != null) {
            for (String name : zipEntries.keySet()) {
                if (isModel(name) && !manifest.files().containsKey(name)) {
                    unlisted.add(name);
                }
            }
            unlisted.sort(null);
            return unlisted;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (isModel(name) && !manifest.files().containsKey(name)) {
                    unlisted.add(name);
                }
            }
        } catch (IOException e) {
            throw new BundleException("bundle " + dir + ": cannot list the folder: " + e, e);
        }
        unlisted.sort(null);
        return unlisted;
    }

    private static boolean isModel(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".onnx") || lower.endsWith(".onnx.data") || lower.endsWith(".ort");
    }

    /**
     * Reads every file entry of a zipped bundle into memory. Entry names are kept as written, so a model hidden
     * in a sub-folder ("x/evil.onnx") is an unlisted model and fails verification.
     */
    private static Map<String, byte[]> readZip(Path zip) throws BundleException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long total = 0;
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                byte[] data = in.readNBytes((int) Math.min(MAX_ZIP_BYTES - total, MAX_ZIP_BYTES) + 1);
                total += data.length;
                if (total > MAX_ZIP_BYTES) {
                    throw new BundleException("bundle " + zip + " inflates to more than 2 GiB; refused");
                }
                if (entries.put(e.getName(), data) != null) {
                    throw new BundleException("bundle " + zip + " holds " + e.getName() + " twice");
                }
            }
        } catch (IOException e) {
            throw new BundleException("bundle " + zip + " is not a readable zip: " + e.getMessage(), e);
        }
        return entries;
    }
}
