package org.stylexaudit.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Describes a bundle as {@code bundle.json} holds it: how to feed the networks, what their outputs mean, the SHA-256 of every
 * file the bundle loads, and the training record. Read and written with Jackson; see docs/bundle.md.
 *
 * @param formatVersion the bundle format version ({@link #FORMAT_VERSION})
 * @param resolution the square image size, in pixels, every network works at
 * @param channelOrder {@code RGB}, {@code BGR} or {@code GRAY}: the channel order of image tensors (NCHW)
 * @param valueRange the pixel value range of image tensors (0 maps to black, 255 to the maximum)
 * @param classNames the classifier's classes, in output order
 * @param classifierOutput {@code logits} or {@code probabilities}: what the classifier's output holds
 * @param styleLayout how the concatenated style vector splits into layers
 * @param files SHA-256 (lower-case hex) of every file the bundle loads, by file name
 * @param training the training record: data digest, steps, hyper-parameters, losses, fidelity (free-form)
 * @param provenance who wrote the bundle and when: tool, Java and OS versions, creation time
 */
@JsonPropertyOrder({"formatVersion", "resolution", "channelOrder", "valueRange", "classNames", "classifierOutput",
    "styleLayout", "files", "training", "provenance"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(int formatVersion, int resolution, String channelOrder, ValueRange valueRange,
        List<String> classNames, String classifierOutput, StyleLayout styleLayout, Map<String, String> files,
        Map<String, Object> training, Map<String, String> provenance) {

    /** The format version this code writes and the highest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** The classifier under audit: image to logits. */
    public static final String CLASSIFIER = "classifier.onnx";
    /** The encoder: image to w. */
    public static final String ENCODER = "encoder.onnx";
    /** The style maps: [w, classifier output] to the concatenated style vector. */
    public static final String STYLES = "styles.onnx";
    /** The synthesis network: style vector to image. */
    public static final String SYNTHESIS = "synthesis.onnx";
    /** The optional mapping network: z to w, for sampling. */
    public static final String MAPPING = "mapping.onnx";
    /** The files every bundle must contain. */
    public static final List<String> REQUIRED = List.of(CLASSIFIER, ENCODER, STYLES, SYNTHESIS);

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * Gives the pixel value range of image tensors.
     *
     * @param min the value of black
     * @param max the value of full intensity
     */
    public record ValueRange(double min, double max) {
    }

    /** Copies collections so the record stays immutable (keeping their order). */
    public BundleManifest {
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        files = files == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(files));
        training = training == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(training));
        provenance = provenance == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** Returns a copy with the given file hashes. */
    public BundleManifest withFiles(Map<String, String> newFiles) {
        return new BundleManifest(formatVersion, resolution, channelOrder, valueRange, classNames, classifierOutput,
                styleLayout, newFiles, training, provenance);
    }

    /** Returns a copy with the given provenance. */
    public BundleManifest withProvenance(Map<String, String> newProvenance) {
        return new BundleManifest(formatVersion, resolution, channelOrder, valueRange, classNames, classifierOutput,
                styleLayout, files, training, newProvenance);
    }

    /** Returns the number of image channels implied by the channel order. */
    public int channels() {
        return "GRAY".equals(channelOrder) ? 1 : 3;
    }

    /** Returns whether the bundle lists the optional mapping network. */
    public boolean hasMapping() {
        return files.containsKey(MAPPING);
    }

    /** Returns every problem of this manifest as text; empty when it is valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (formatVersion < 1 || formatVersion > FORMAT_VERSION) {
            p.add("format version " + formatVersion + " is not supported (this tool reads 1.." + FORMAT_VERSION + ")");
        }
        if (resolution <= 0) {
            p.add("resolution must be positive, got " + resolution);
        }
        if (!List.of("RGB", "BGR", "GRAY").contains(channelOrder)) {
            p.add("channelOrder must be RGB, BGR or GRAY, got " + channelOrder);
        }
        if (valueRange == null || !(valueRange.min() < valueRange.max())) {
            p.add("valueRange must have min < max, got " + valueRange);
        }
        if (classNames.size() < 2) {
            p.add("classNames must name at least two classes, got " + classNames);
        }
        if (!"logits".equals(classifierOutput) && !"probabilities".equals(classifierOutput)) {
            p.add("classifierOutput must be logits or probabilities, got " + classifierOutput);
        }
        if (styleLayout == null) {
            p.add("styleLayout is missing");
        } else {
            p.addAll(styleLayout.problems());
        }
        for (String required : REQUIRED) {
            if (!files.containsKey(required)) {
                p.add("files does not list " + required);
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            // File names are plain names inside the bundle folder: no separators, no "..", nothing absolute.
            if (!FILE_NAME.matcher(e.getKey()).matches() || e.getKey().contains("..")) {
                p.add("file name '" + e.getKey() + "' is not a plain file name");
            }
            if (e.getValue() == null || !SHA256.matcher(e.getValue()).matches()) {
                p.add("file " + e.getKey() + " has no valid SHA-256 (64 lower-case hex digits)");
            }
        }
        return p;
    }
}
