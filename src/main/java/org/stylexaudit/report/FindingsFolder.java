package org.stylexaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Digests;

/**
 * A findings folder as AttFind writes it: {@code findings.json} (an {@link AuditFindings}) and a {@code frames/}
 * folder of PNG frames named by {@link Frame#image()}.
 *
 * <pre>{@code
 * FindingsFolder f = FindingsFolder.read(Path.of("ws/runs/7/findings/findings.json"));
 * BufferedImage first = f.image(f.findings().attributes().get(0).strips().get(0).original());
 * }</pre>
 */
public final class FindingsFolder {

    /** File name of the findings JSON inside the folder. */
    public static final String FILE_NAME = "findings.json";
    /** Sub-folder holding the PNG frames. */
    public static final String FRAMES = "frames";

    private final Path dir;
    private final AuditFindings findings;
    private final String digest;

    private FindingsFolder(Path dir, AuditFindings findings, String digest) {
        this.dir = dir;
        this.findings = findings;
        this.digest = digest;
    }

    /** Returns the JSON mapper used for findings: unknown fields are ignored so newer writers stay readable. */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Reads {@code findings.json} (or a folder containing it) and checks that every referenced frame exists. */
    public static FindingsFolder read(Path jsonOrDir) throws ReportException {
        Path json = Files.isDirectory(jsonOrDir) ? jsonOrDir.resolve(FILE_NAME) : jsonOrDir;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(json);
        } catch (NoSuchFileException e) {
            throw new ReportException("findings file not found: " + json);
        } catch (IOException e) {
            throw new ReportException("cannot read findings " + json + ": " + e.getMessage(), e);
        }
        AuditFindings f;
        try {
            f = mapper().readValue(bytes, AuditFindings.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            String why = e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage();
            throw new ReportException("findings " + json + " are not valid: " + why, e);
        }
        FindingsFolder folder = new FindingsFolder(json.toAbsolutePath().getParent(), f, Digests.sha256Hex(bytes));
        folder.checkFrames();
        return folder;
    }

    /** Writes findings as {@code dir/findings.json}; frames must already be in {@code dir/frames/}. */
    public static Path write(Path dir, AuditFindings findings) throws ReportException {
        try {
            Files.createDirectories(dir.resolve(FRAMES));
            Path json = dir.resolve(FILE_NAME);
            mapper().writeValue(json.toFile(), findings);
            return json;
        } catch (IOException e) {
            throw new ReportException("cannot write findings to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes one frame image as PNG into {@code dir/frames/name}; used by AttFind and fixtures. */
    public static void writeFrame(Path dir, String name, BufferedImage image) throws ReportException {
        try {
            Files.createDirectories(dir.resolve(FRAMES));
            ImageIO.write(image, "png", dir.resolve(FRAMES).resolve(name).toFile());
        } catch (IOException e) {
            throw new ReportException("cannot write frame " + name + ": " + e.getMessage(), e);
        }
    }

    private void checkFrames() throws ReportException {
        for (DiscoveredAttribute a : findings.attributes()) {
            for (CounterfactualStrip s : a.strips()) {
                for (Frame fr : s.frames()) {
                    requireFrame(fr);
                }
            }
        }
        for (ImageExplanation e : findings.explanations()) {
            requireFrame(e.original());
            for (ImageExplanation.RankedAttribute r : e.ranked()) {
                requireFrame(r.frame());
            }
        }
    }

    private void requireFrame(Frame fr) throws ReportException {
        if (!Files.isRegularFile(framePath(fr))) {
            throw new ReportException("findings in " + dir + " reference a missing frame: " + FRAMES + "/" + fr.image());
        }
    }

    private Path framePath(Frame fr) {
        return dir.resolve(FRAMES).resolve(fr.image());
    }

    /** Decodes a frame's PNG; only pixels are kept, so text chunks in the file never reach a document. */
    public BufferedImage image(Frame fr) throws ReportException {
        try {
            BufferedImage img = ImageIO.read(framePath(fr).toFile());
            if (img == null) {
                throw new ReportException("frame " + fr.image() + " is not a readable image");
            }
            return img;
        } catch (IOException e) {
            throw new ReportException("cannot read frame " + fr.image() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns this folder with the run id filled in when the findings do not name one, e.g. when they were located
     * through a workspace run row.
     */
    public FindingsFolder forRun(long runId) {
        RunInfo r = findings.run();
        if (r.runId() != null) {
            return this;
        }
        RunInfo withId = new RunInfo(runId, r.date(), r.classifierSha256(), r.bundleSha256(), r.protocol(),
                r.imageCounts(), r.toolVersions(), r.parameters());
        return new FindingsFolder(dir, new AuditFindings(withId, findings.classNames(), findings.attributes(),
                findings.explanations(), findings.fidelity()), digest);
    }

    /** Returns the findings. */
    public AuditFindings findings() {
        return findings;
    }

    /** Returns the folder. */
    public Path dir() {
        return dir;
    }

    /** Returns the SHA-256 of {@code findings.json}, recorded in reports and study packets as provenance. */
    public String digest() {
        return digest;
    }
}
