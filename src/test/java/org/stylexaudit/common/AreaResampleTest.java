package org.stylexaudit.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class AreaResampleTest {

    /** A one-pixel checkerboard of black and white: every 2x2 box averages to mid grey. */
    private static BufferedImage checkerboard(int size, int type) {
        BufferedImage img = new BufferedImage(size, size, type);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int v = (x + y) % 2 == 0 ? 255 : 0;
                if (type == BufferedImage.TYPE_BYTE_GRAY) {
                    img.getRaster().setSample(x, y, 0, v);
                } else {
                    img.setRGB(x, y, (v << 16) | (v << 8) | v);
                }
            }
        }
        return img;
    }

    @Test
    void area_halvingCheckerboard_givesUniformMidGrey() {
        BufferedImage out = AreaResample.area(checkerboard(128, BufferedImage.TYPE_INT_RGB), 64);
        assertEquals(64, out.getWidth());
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                assertEquals(128, out.getRGB(x, y) & 0xff, "box average of two 255 and two 0 pixels");
            }
        }
    }

    @Test
    void area_grayImage_staysGrayWithoutGammaShift() {
        BufferedImage src = new BufferedImage(30, 30, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 30; x++) {
                src.getRaster().setSample(x, y, 0, 10);
            }
        }
        BufferedImage out = AreaResample.area(src, 10);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, out.getType());
        assertEquals(10, out.getRaster().getSample(5, 5, 0));
    }

    @Test
    void area_nonIntegerRatio_weightsPartialPixels() {
        // 3 px -> 2 px: the middle source pixel is split half and half between the two targets.
        BufferedImage src = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) {
            src.setRGB(0, y, 0x000000);
            src.setRGB(1, y, 0x0000FF);
            src.setRGB(2, y, 0x000000);
        }
        BufferedImage out = AreaResample.area(src, 2);
        assertEquals(Math.round(255 * 0.5 / 1.5), out.getRGB(0, 0) & 0xff);
        assertEquals(out.getRGB(0, 0), out.getRGB(1, 1));
    }

    @Test
    void area_nonPositiveSize_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> AreaResample.area(checkerboard(4, BufferedImage.TYPE_INT_RGB), 0));
    }
}
