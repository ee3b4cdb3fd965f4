package org.stylexaudit.engine;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.stylexaudit.common.AreaResample;

/**
 * Converts images to the bundle's image tensors and back: float CHW rows at the bundle resolution, in its channel
 * order and value range (pixel value 0 maps to {@code min}, 255 to {@code max}).
 *
 * <pre>{@code
 * ImageTensors tensors = ImageTensors.of(bundle.manifest());
 * float[] row = tensors.toTensor(ImageIO.read(file));
 * BufferedImage back = tensors.toImage(session.synthesize(styles)[0]);
 * }</pre>
 */
public final class ImageTensors {

    private final int resolution;
    private final String channelOrder;
    private final double min;
    private final double max;

    /** Creates a converter for square images of {@code resolution} pixels. */
    public ImageTensors(int resolution, String channelOrder, double min, double max) {
        if (resolution <= 0 || !(min < max)) {
            throw new IllegalArgumentException("expected a positive resolution and min < max, got " + resolution
                    + ", [" + min + ", " + max + "]");
        }
        if (!"RGB".equals(channelOrder) && !"BGR".equals(channelOrder) && !"GRAY".equals(channelOrder)) {
            throw new IllegalArgumentException("channel order must be RGB, BGR or GRAY, got " + channelOrder);
        }
        this.resolution = resolution;
        this.channelOrder = channelOrder;
        this.min = min;
        this.max = max;
    }

    /** Returns the converter a bundle's networks expect. */
    public static ImageTensors of(BundleManifest manifest) {
        return new ImageTensors(manifest.resolution(), manifest.channelOrder(), manifest.valueRange().min(),
                manifest.valueRange().max());
    }

    /** Returns the number of channels (1 for GRAY, else 3). */
    public int channels() {
        return "GRAY".equals(channelOrder) ? 1 : 3;
    }

    /** Returns the number of floats in one image row (channels x resolution x resolution). */
    public int rowLength() {
        return channels() * resolution * resolution;
    }

    /** Converts an image, scaling it by area averaging to the bundle resolution when its size differs. */
    public float[] toTensor(BufferedImage image) {
        BufferedImage img = image.getWidth() == resolution && image.getHeight() == resolution ? image
                : scaled(image);
        int plane = resolution * resolution;
        float[] row = new float[rowLength()];
        double scale = (max - min) / 255.0;
        for (int y = 0; y < resolution; y++) {
            for (int x = 0; x < resolution; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int at = y * resolution + x;
                switch (channelOrder) {
                    case "GRAY" -> row[at] = (float) (min + scale * gray(img, x, y, r, g, b));
                    case "BGR" -> {
                        row[at] = (float) (min + scale * b);
                        row[plane + at] = (float) (min + scale * g);
                        row[2 * plane + at] = (float) (min + scale * r);
                    }
                    default -> {
                        row[at] = (float) (min + scale * r);
                        row[plane + at] = (float) (min + scale * g);
                        row[2 * plane + at] = (float) (min + scale * b);
                    }
                }
            }
        }
        return row;
    }

    /** Converts an image tensor row back to an 8-bit image, clamping values outside the range. */
    public BufferedImage toImage(float[] row) {
        if (row.length != rowLength()) {
            throw new IllegalArgumentException("expected an image row of " + channels() + "x" + resolution + "x"
                    + resolution + " = " + rowLength() + " values, got " + row.length);
        }
        int plane = resolution * resolution;
        boolean gray = "GRAY".equals(channelOrder);
        BufferedImage img = new BufferedImage(resolution, resolution,
                gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < resolution; y++) {
            for (int x = 0; x < resolution; x++) {
                int at = y * resolution + x;
                if (gray) {
                    img.getRaster().setSample(x, y, 0, to8(row[at]));
                    continue;
                }
                int c0 = to8(row[at]);
                int c1 = to8(row[plane + at]);
                int c2 = to8(row[2 * plane + at]);
                int rgb = "BGR".equals(channelOrder) ? (c2 << 16) | (c1 << 8) | c0 : (c0 << 16) | (c1 << 8) | c2;
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    private int to8(float v) {
        long q = Math.round((v - min) / (max - min) * 255.0);
        return (int) Math.max(0, Math.min(255, q));
    }

    private static double gray(BufferedImage img, int x, int y, int r, int g, int b) {
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return img.getRaster().getSample(x, y, 0); // exact: getRGB would apply a gamma conversion
        }
        return 0.299 * r + 0.587 * g + 0.114 * b; // ITU-R BT.601 luma, as DICOM YBR_FULL uses
    }

    private BufferedImage scaled(BufferedImage image) {
        // Area averaging, as the sample classifier and the StylEx trainer saw their data: bilinear sampling of a
        // 256 px cache image down to 64 px aliases lesions and vessel edges the networks never saw.
        BufferedImage img = image;
        if ("GRAY".equals(channelOrder) && img.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            BufferedImage g = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D gr = g.createGraphics();
            try {
                gr.drawImage(img, 0, 0, null);
            } finally {
                gr.dispose();
            }
            img = g;
        }
        return AreaResample.area(img, resolution);
    }
}
