package org.stylexaudit.train.stylex;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Digests;

/**
 * Holds the training and held-out images in memory as RGB planes in [-1,1], with a digest of the data and a
 * deterministic order: the batch of step t is a function of the seed and t only, so a resumed run sees the same
 * images in the same order.
 *
 * <p>Sources: a synthetic archive folder with {@code ground-truth.csv} (its {@code file} and {@code split} columns),
 * a plain folder of PNGs, or a workspace's {@code cache/} folder. Without a split column, an image is held out when the first bytes of the SHA-256 of its file name fall below the held-out
 * fraction, so the split does not depend on listing order.
 */
public final class TrainingData {

    private final int resolution;
    private final List<String> trainNames;
    private final float[][] train;
    private final List<String> heldOutNames;
    private final float[][] heldOut;
    private final String digest;

    private TrainingData(int resolution, List<String> trainNames, float[][] train, List<String> heldOutNames,
            float[][] heldOut, String digest) {
        this.resolution = resolution;
        this.trainNames = trainNames;
        this.train = train;
        this.heldOutNames = heldOutNames;
        this.heldOut = heldOut;
        this.digest = digest;
    }

    /**
     * Loads the images of {@code dir}, resized to {@code resolution}. With a {@code ground-truth.csv} that has
     * {@code file} and {@code split} columns, the PNG/JPEG files it lists are used (paths relative to the CSV;
     * DICOM rows skipped) and {@code validation}/{@code test}/{@code heldout} rows are held out. Otherwise every PNG
     * directly in {@code dir} is used and the split comes from name hashes.
     */
    public static TrainingData load(Path dir, int resolution, double heldOutFraction) throws StylexException {
        if (!Files.isDirectory(dir)) {
            throw new StylexException("image folder " + dir + " does not exist");
        }
        Map<String, Boolean> listed = listedInCsv(dir.resolve("ground-truth.csv"));
        List<String> files = new ArrayList<>();
        if (listed != null) {
            files.addAll(listed.keySet());
        } else {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".png"))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new StylexException("cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        if (files.isEmpty()) {
            throw new StylexException("no PNG or JPEG images in " + dir);
        }
        List<String> tn = new ArrayList<>();
        List<float[]> tv = new ArrayList<>();
        List<String> hn = new ArrayList<>();
        List<float[]> hv = new ArrayList<>();
        MessageDigest md = Digests.sha256();
        for (String name : files) {
            Path f = dir.resolve(name);
            byte[] bytes;
            BufferedImage img;
            try {
                bytes = Files.readAllBytes(f);
                img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new StylexException("cannot read image " + f + ": " + e.getMessage(), e);
            }
            if (img == null) {
                throw new StylexException("not a readable image: " + f);
            }
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update(Digests.sha256().digest(bytes));
            float[] planes = planes(img, resolution);
            boolean isHeld = listed != null ? listed.get(name) : hashFraction(name) < heldOutFraction;
            (isHeld ? hn : tn).add(name);
            (isHeld ? hv : tv).add(planes);
        }
        if (tn.isEmpty() || hn.isEmpty()) {
            throw new StylexException("need both training and held-out images in " + dir + ", got " + tn.size()
                    + " and " + hn.size());
        }
        md.update(("resolution=" + resolution).getBytes(StandardCharsets.UTF_8));
        return new TrainingData(resolution, tn, tv.toArray(new float[0][]), hn, hv.toArray(new float[0][]),
                HexFormat.of().formatHex(md.digest()));
    }

    /** Returns file -> held out, in CSV order, for the image rows of a ground-truth CSV; null without one. */
    private static Map<String, Boolean> listedInCsv(Path csv) throws StylexException {
        if (!Files.isRegularFile(csv)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return null;
            }
            List<String> header = Arrays.asList(lines.get(0).trim().split(","));
            int split = header.indexOf("split");
            int file = header.indexOf("file");
            if (split < 0 || file < 0) {
                return null;
            }
            Map<String, Boolean> out = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                if (cells.length <= Math.max(split, file)) {
                    continue;
                }
                String name = cells[file].trim();
                String lower = name.toLowerCase(Locale.ROOT);
                if (!(lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"))) {
                    continue; // DICOM rows: the trainer reads the PNG/JPEG exports only
                }
                String sp = cells[split].trim().toLowerCase(Locale.ROOT);
                out.put(name, sp.startsWith("test") || sp.startsWith("val") || sp.startsWith("held"));
            }
            return out.isEmpty() ? null : out;
        } catch (IOException e) {
            throw new StylexException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    static double hashFraction(String name) {
        byte[] h = Digests.sha256().digest(name.getBytes(StandardCharsets.UTF_8));
        long v = ((h[0] & 0xFFL) << 16) | ((h[1] & 0xFFL) << 8) | (h[2] & 0xFFL);
        return v / (double) (1 << 24);
    }

    /** Converts an image to RGB planes [3,R,R] in [-1,1], resizing by area averaging when needed. */
    static float[] planes(BufferedImage img, int r) {
        BufferedImage rgb = new BufferedImage(r, r, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        if (img.getWidth() == r && img.getHeight() == r) {
            g.drawImage(img, 0, 0, null);
        } else {
            // Area averaging: bilinear sampling would alias small lesions away when shrinking a 512 px photo.
            g.drawImage(img.getScaledInstance(r, r, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        }
        g.dispose();
        float[] out = new float[3 * r * r];
        for (int y = 0; y < r; y++) {
            for (int x = 0; x < r; x++) {
                int p = rgb.getRGB(x, y);
                int i = y * r + x;
                out[i] = ((p >> 16) & 0xFF) / 127.5f - 1f;
                out[r * r + i] = ((p >> 8) & 0xFF) / 127.5f - 1f;
                out[2 * r * r + i] = (p & 0xFF) / 127.5f - 1f;
            }
        }
        return out;
    }

    /** Converts planes in [-1,1] back to an RGB image (values clipped). */
    static BufferedImage image(float[] planes, int offset, int r) {
        BufferedImage img = new BufferedImage(r, r, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < r; y++) {
            for (int x = 0; x < r; x++) {
                int i = offset + y * r + x;
                int red = byteOf(planes[i]);
                int green = byteOf(planes[i + r * r]);
                int blue = byteOf(planes[i + 2 * r * r]);
                img.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return img;
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
    }

    /** Returns the training images of step {@code step} as one flat array [B,3,R,R]. */
    float[] batch(long step, int batch, long seed) {
        int n = train.length;
        int plane = 3 * resolution * resolution;
        float[] out = new float[batch * plane];
        for (int i = 0; i < batch; i++) {
            long pos = step * batch + i;
            long epoch = pos / n;
            int idx = permutation(seed, epoch, n)[(int) (pos % n)];
            System.arraycopy(train[idx], 0, out, i * plane, plane);
        }
        return out;
    }

    private int[] cachedPerm;
    private long cachedEpoch = -1;

    private int[] permutation(long seed, long epoch, int n) {
        if (epoch != cachedEpoch) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            SplittableRandom r = new SplittableRandom(seed * 31 + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            cachedPerm = p;
            cachedEpoch = epoch;
        }
        return cachedPerm;
    }

    /** Returns training images {@code from .. from+count-1}, in stored order, as one flat array. */
    float[] trainImages(int from, int count) {
        return flat(train, from, count);
    }

    /** Returns held-out images {@code from .. from+count-1} as one flat array. */
    float[] heldOut(int from, int count) {
        return flat(heldOut, from, count);
    }

    private float[] flat(float[][] images, int from, int count) {
        int plane = 3 * resolution * resolution;
        float[] out = new float[count * plane];
        for (int i = 0; i < count; i++) {
            System.arraycopy(images[from + i], 0, out, i * plane, plane);
        }
        return out;
    }

    /** Returns the image side in pixels. */
    public int resolution() {
        return resolution;
    }

    /** Returns the number of training images. */
    public int trainCount() {
        return train.length;
    }

    /** Returns the number of held-out images. */
    public int heldOutCount() {
        return heldOut.length;
    }

    /** Returns the held-out image names, in order. */
    public List<String> heldOutNames() {
        return List.copyOf(heldOutNames);
    }

    /** Returns the training image names, in order. */
    public List<String> trainNames() {
        return List.copyOf(trainNames);
    }

    /** Returns the SHA-256 over file names, file contents and resolution. */
    public String digest() {
        return digest;
    }
}
