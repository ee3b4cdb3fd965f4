package org.stylexaudit.train.classifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.Progress;

/**
 * Images of one split held in memory as classifier inputs, with their labels and a digest of what was read.
 *
 * @param resolution side length of every image
 * @param pixels one {@code [3, R, R]} array per image, values in [-1, 1]
 * @param labels one 0/1 label per image
 * @param cameras the camera model of each image (empty strings when the CSV has none)
 * @param digest SHA-256 over (relative path, file SHA-256, label) of every image, in order
 */
public record ImageSet(int resolution, List<float[]> pixels, int[] labels, List<String> cameras, String digest) {

    /** Returns the number of images. */
    public int size() {
        return labels.length;
    }

    /** Returns the fraction of images labelled 1. */
    public double positiveFraction() {
        int n = 0;
        for (int l : labels) {
            n += l;
        }
        return labels.length == 0 ? 0 : (double) n / labels.length;
    }

    /** Reads and converts the images, reporting each to {@code progress} under {@code task}. */
    public static ImageSet load(List<LabelledImage> rows, int resolution, String task, Progress progress)
            throws ClassifierException {
        MessageDigest md = Digests.sha256();
        float[][] pixels = new float[rows.size()][];
        int[] labels = new int[rows.size()];
        String[] cameras = new String[rows.size()];
        progress.start(task, rows.size());
        try {
            for (int i = 0; i < rows.size(); i++) {
                LabelledImage row = rows.get(i);
                pixels[i] = ImageTensors.read(row.file(), resolution);
                labels[i] = row.label();
                cameras[i] = row.camera();
                String fileDigest = Digests.sha256Hex(Digests.readAll(row.file()));
                md.update((row.relativePath() + "\t" + fileDigest + "\t" + row.label() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                if ((i + 1) % 100 == 0 || i + 1 == rows.size()) {
                    progress.advance(i + 1, row.relativePath());
                }
            }
        } finally {
            progress.finish();
        }
        return new ImageSet(resolution, List.of(pixels), labels, List.of(cameras), HexFormat.of().formatHex(md.digest()));
    }
}
