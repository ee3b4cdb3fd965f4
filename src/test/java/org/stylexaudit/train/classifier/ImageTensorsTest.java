package org.stylexaudit.train.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageTensorsTest {

    @Test
    void toTensor_halving_averagesEach2x2BlockAndScalesToMinusOneOne() {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        // Top-left 2x2 block: red values 0, 255, 255, 255 -> mean 191.25.
        img.setRGB(1, 0, 0xFF0000);
        img.setRGB(0, 1, 0xFF0000);
        img.setRGB(1, 1, 0xFF0000);
        img.setRGB(3, 3, 0x0000FF);
        float[] t = ImageTensors.toTensor(img, 2);
        assertEquals(191.25f / 127.5f - 1f, t[0], 1e-6f);
        assertEquals(-1f, t[1], 1e-6f);
        // Blue plane, bottom-right cell: one of four pixels at 255.
        assertEquals(63.75f / 127.5f - 1f, t[2 * 4 + 3], 1e-6f);
    }

    @Test
    void toTensor_nonIntegerRatio_keepsConstantImageConstant() {
        BufferedImage img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                img.setRGB(x, y, 0x336699);
            }
        }
        float[] t = ImageTensors.toTensor(img, 3);
        for (int i = 0; i < 9; i++) {
            assertEquals(0x33 / 127.5f - 1f, t[i], 1e-5f);
            assertEquals(0x99 / 127.5f - 1f, t[18 + i], 1e-5f);
        }
    }
}
