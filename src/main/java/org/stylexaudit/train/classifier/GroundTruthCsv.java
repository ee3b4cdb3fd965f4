package org.stylexaudit.train.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the labelled images of a ground-truth CSV (as written by {@code synth}): a header row, then one row per
 * image with its path relative to the CSV, the {@code referable_dr} label and the split.
 *
 * <p>Rows whose file is DICOM are replaced by their PNG/JPEG twin (same path with another extension) when it
 * exists, and skipped otherwise: the classifier reads images through ImageIO only.
 *
 * <pre>{@code
 * GroundTruthCsv.Table table = GroundTruthCsv.read(Path.of("data/train/ground-truth.csv"), "referable_dr");
 * List<LabelledImage> train = table.split("train");
 * }</pre>
 */
public final class GroundTruthCsv {

    /** Column names accepted for the image path, in order of preference. */
    static final List<String> PATH_COLUMNS = List.of("png_path", "file", "path", "relative_path", "file_path",
            "image_path", "image");
    /** Extensions ImageIO reads here (TwelveMonkeys adds robust JPEG). */
    static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private GroundTruthCsv() {
    }

    /**
     * The usable rows of a CSV and how many rows were skipped.
     *
     * @param csv the file read
     * @param images rows with a readable image, in file order
     * @param skipped rows skipped because only a DICOM file exists for them
     */
    public record Table(Path csv, List<LabelledImage> images, int skipped) {

        /** Returns the rows of one split ({@code train}, {@code validation}, {@code test}). */
        public List<LabelledImage> split(String name) {
            return images.stream().filter(i -> i.split().equals(name)).toList();
        }
    }

    /** Reads {@code csv}; {@code labelColumn} names the 0/1 label column. */
    public static Table read(Path csv, String labelColumn) throws GroundTruthException {
        List<String> lines;
        try {
            lines = readLines(csv);
        } catch (IOException e) {
            throw new GroundTruthException(csv, "cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new GroundTruthException(csv, 1, "empty file; expected a header row");
        }
        List<String> header = parseLine(csv, 1, lines.get(0));
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        int pathCol = PATH_COLUMNS.stream().filter(columns::containsKey).map(columns::get).findFirst()
                .orElseThrow(() -> new GroundTruthException(csv, 1, "no image path column (expected one of "
                        + PATH_COLUMNS + "; found " + header + ")"));
        Integer labelCol = columns.get(labelColumn.toLowerCase(Locale.ROOT));
        if (labelCol == null) {
            throw new GroundTruthException(csv, 1, "no label column '" + labelColumn + "' (found " + header + ")");
        }
        Integer splitCol = columns.get("split");
        Integer cameraCol = columns.containsKey("camera") ? columns.get("camera") : columns.get("camera_model");
        Path dir = csv.toAbsolutePath().getParent();
        List<LabelledImage> images = new ArrayList<>();
        int skipped = 0;
        for (int n = 1; n < lines.size(); n++) {
            long lineNo = n + 1L;
            String raw = lines.get(n);
            if (raw.isBlank()) {
                continue;
            }
            List<String> cells = parseLine(csv, lineNo, raw);
            if (cells.size() != header.size()) {
                throw new GroundTruthException(csv, lineNo, "expected " + header.size() + " fields as in the "
                        + "header, got " + cells.size());
            }
            String rel = cells.get(pathCol).trim();
            if (rel.isEmpty()) {
                throw new GroundTruthException(csv, lineNo, "empty image path in column '" + header.get(pathCol)
                        + "'");
            }
            int label = parseLabel(csv, lineNo, labelColumn, cells.get(labelCol));
            String split = splitCol == null ? "" : cells.get(splitCol).trim().toLowerCase(Locale.ROOT);
            String camera = cameraCol == null ? "" : cells.get(cameraCol).trim();
            Path file = readableImage(dir.resolve(rel));
            if (file == null) {
                skipped++;
                continue;
            }
            images.add(new LabelledImage(file, dir.relativize(file).toString(), label, split, camera, lineNo));
        }
        return new Table(csv, List.copyOf(images), skipped);
    }

    /** Returns the file itself if ImageIO can read its kind, else an image twin of it, else null. */
    private static Path readableImage(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (IMAGE_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
            return file;
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        for (String ext : IMAGE_EXTENSIONS) {
            Path twin = file.resolveSibling(base + ext);
            if (Files.isRegularFile(twin)) {
                return twin;
            }
        }
        return null;
    }

    private static int parseLabel(Path csv, long line, String column, String cell) throws GroundTruthException {
        String v = cell.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "true", "yes", "1.0" -> 1;
            case "0", "false", "no", "0.0" -> 0;
            default -> throw new GroundTruthException(csv, line, column + " must be 0 or 1, got '" + cell + "'");
        };
    }

    private static List<String> readLines(Path csv) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        return lines;
    }

    /** Splits one RFC 4180 line: commas, double-quoted fields with doubled quotes; no multi-line fields. */
    static List<String> parseLine(Path csv, long lineNo, String line) throws GroundTruthException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new GroundTruthException(csv, lineNo, "unterminated quoted field");
        }
        cells.add(cell.toString());
        return cells;
    }
}
