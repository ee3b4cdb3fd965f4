package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SquareResamplerTest {

    @Test
    void resample_checkerboardDownscale_averagesToMidGrey() {
        int w = 64;
        int[] px = new int[w * w];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = ((x + y) % 2 == 0) ? 0xFFFFFF : 0;
            }
        }
        RgbPixels out = SquareResampler.resample(new RgbPixels(w, w, px), 0, 0, w, 10);
        for (int p : out.rgb()) {
            // 6.4 source pixels per output pixel: a box filter stays within a few levels of 127.5.
            assertEquals(127.5, p & 0xFF, 12.0);
        }
    }

    @Test
    void resample_windowBeyondImage_padsWithBlack() {
        int[] px = new int[10 * 10];
        Arrays.fill(px, 0x808080);
        // Window twice the image size, image in its right half.
        RgbPixels out = SquareResampler.resample(new RgbPixels(10, 10, px), -10, -5, 20, 4);
        assertEquals(0, out.rgb()[1 * 4 + 0]);
        assertEquals(0x808080, out.rgb()[1 * 4 + 3]);
        // Top row covers rows -5..0 outside the image: black.
        assertEquals(0, out.rgb()[3]);
    }

    @Test
    void resample_upscale_keepsConstantImageConstant() {
        int[] px = new int[5 * 5];
        Arrays.fill(px, 0x204060);
        RgbPixels out = SquareResampler.resample(new RgbPixels(5, 5, px), 0, 0, 5, 17);
        for (int p : out.rgb()) {
            assertEquals(0x204060, p);
        }
    }
}
