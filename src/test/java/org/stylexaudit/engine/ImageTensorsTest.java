package org.stylexaudit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {

    private static BufferedImage randomImage(int size, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    @Test
    void toTensorThenToImage_rgb_roundTripsEveryPixel() {
        ImageTensors t = new ImageTensors(8, "RGB", -1, 1);
        BufferedImage img = randomImage(8, 1);
        BufferedImage back = t.toImage(t.toTensor(img));
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertEquals(img.getRGB(x, y) & 0xffffff, back.getRGB(x, y) & 0xffffff);
            }
        }
    }

    @Test
    void toTensor_valueRangeAndChannelOrder_mapPixelsAsDeclared() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000); // pure red at (0, 0); the rest black
        float[] rgb = new ImageTensors(2, "RGB", -1, 1).toTensor(img);
        assertEquals(1f, rgb[0], 1e-6);       // R plane, pixel 0
        assertEquals(-1f, rgb[4], 1e-6);      // G plane
        assertEquals(-1f, rgb[3], 1e-6);      // R plane, black pixel
        float[] bgr = new ImageTensors(2, "BGR", 0, 255).toTensor(img);
        assertEquals(0f, bgr[0], 1e-6);       // B plane first
        assertEquals(255f, bgr[8], 1e-6);     // R plane last
    }

    @Test
    void toTensor_grayAndOtherSize_scalesToOneChannelAtResolution() {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.getRaster().setSample(x, y, 0, 200);
            }
        }
        ImageTensors t = new ImageTensors(4, "GRAY", 0, 1);
        float[] row = t.toTensor(img);
        assertEquals(16, row.length);
        for (float v : row) {
            assertEquals(200 / 255f, v, 1e-6);
        }
        assertEquals(200, t.toImage(row).getRaster().getSample(3, 3, 0));
    }

    @Test
    void toImage_wrongLength_saysWhatWasExpected() {
        ImageTensors t = new ImageTensors(4, "RGB", 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.toImage(new float[5]));
        assertEquals("expected an image row of 3x4x4 = 48 values, got 5", e.getMessage());
    }

    @Test
    void toTensor_largerImage_isAreaAveragedLikeTheTrainingData() {
        // A one-pixel checkerboard: area averaging gives mid grey everywhere, bilinear sampling would keep stripes.
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0);
            }
        }
        float[] row = new ImageTensors(8, "RGB", 0, 255).toTensor(img);
        for (float v : row) {
            assertEquals(128f, v, 1e-4f);
        }
    }
}
