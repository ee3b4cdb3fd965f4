package org.stylexaudit.train.classifier;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns an image into the classifier's input: RGB, resized to {@code R x R} by area averaging, values in [-1, 1],
 * channel-major ({@code [3, R, R]} flattened).
 */
public final class ImageTensors {

    private ImageTensors() {
    }

    /** Reads {@code file} with ImageIO and converts it; fails with a message naming the file. */
    public static float[] read(Path file, int resolution) throws ClassifierException {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new ClassifierException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new ClassifierException("not a readable PNG/JPEG image: " + file);
        }
        return toTensor(img, resolution);
    }

    /** Converts an image (any ImageIO type; grey is repeated into R, G, B) to a {@code [3, R, R]} array. */
    public static float[] toTensor(BufferedImage img, int resolution) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] out = new float[3 * resolution * resolution];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            float[] plane = new float[w * h];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (argb[i] >> shift) & 0xFF;
            }
            float[] resized = resize(resize(plane, w, h, resolution, true), resolution, h, resolution, false);
            for (int i = 0; i < resized.length; i++) {
                out[c * resolution * resolution + i] = resized[i] / 127.5f - 1f;
            }
        }
        return out;
    }

    /**
     * Resizes one axis by area averaging: each output cell is the mean of the input over the interval it covers,
     * partial input cells weighted by their overlap. This is exact box filtering for any ratio (down or up).
     */
    static float[] resize(float[] src, int w, int h, int size, boolean horizontal) {
        int inLen = horizontal ? w : h;
        int outW = horizontal ? size : w;
        int outH = horizontal ? h : size;
        float[] dst = new float[outW * outH];
        double scale = (double) inLen / size;
        for (int o = 0; o < size; o++) {
            double start = o * scale;
            double end = start + scale;
            int first = (int) Math.floor(start);
            int last = Math.min(inLen - 1, (int) Math.ceil(end) - 1);
            for (int line = 0; line < (horizontal ? h : w); line++) {
                double sum = 0;
                for (int i = first; i <= last; i++) {
                    double weight = Math.min(end, i + 1) - Math.max(start, i);
                    int idx = horizontal ? line * w + i : i * w + line;
                    sum += weight * src[idx];
                }
                int out = horizontal ? line * outW + o : o * outW + line;
                dst[out] = (float) (sum / scale);
            }
        }
        return dst;
    }
}
