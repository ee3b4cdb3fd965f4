package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class FovNormaliserTest {

    private final FovNormaliser n = new FovNormaliser(128);

    private static void assertCircle(FieldOfView f, double cx, double cy, double r) {
        assertTrue(f.circular(), "expected a circular field of view, got " + f);
        assertEquals(cx, f.centreX(), 0.015 * r, "centre x of " + f);
        assertEquals(cy, f.centreY(), 0.015 * r, "centre y of " + f);
        assertEquals(r, f.radius(), 0.015 * r, "radius of " + f);
    }

    @Test
    void detect_offCentreFundus_findsCircle() throws Exception {
        assertCircle(n.detect(FundusFixtures.fundus(800, 600, 430, 290, 260, 1)), 430, 290, 260);
    }

    @Test
    void detect_largeImage_findsCircleThroughReducedGrid() throws Exception {
        assertCircle(n.detect(FundusFixtures.fundus(2400, 1800, 1210, 905, 850, 2)), 1210, 905, 850);
    }

    @Test
    void detect_circleCutAtTopAndBottom_findsWholeCircle() throws Exception {
        assertCircle(n.detect(FundusFixtures.fundus(1000, 700, 500, 350, 420, 3)), 500, 350, 420);
    }

    @Test
    void detect_textInCorner_isIgnored() throws Exception {
        BufferedImage img = FundusFixtures.withCornerText(FundusFixtures.fundus(800, 600, 400, 300, 270, 4));
        assertCircle(n.detect(img), 400, 300, 270);
    }

    @Test
    void detect_noDarkBorder_framesWholeImage() throws Exception {
        // The circle is far larger than the image: no background anywhere, so no circle can be seen.
        FieldOfView f = n.detect(FundusFixtures.fundus(300, 200, 150, 100, 1000, 5));
        assertFalse(f.circular());
        assertEquals(150, f.centreX(), 1e-9);
        assertEquals(100, f.centreY(), 1e-9);
        assertEquals(150, f.radius(), 1e-9);
    }

    @Test
    void normalise_blankImage_isRejectedWithReason() {
        BufferedImage black = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        UnusableImageException e = assertThrows(UnusableImageException.class, () -> n.normalise(black));
        assertTrue(e.getMessage().startsWith("blank image"), e.getMessage());
    }

    @Test
    void normalise_tinyImage_isRejectedWithReason() {
        UnusableImageException e = assertThrows(UnusableImageException.class,
                () -> n.normalise(FundusFixtures.fundus(40, 40, 20, 20, 18, 7)));
        assertTrue(e.getMessage().startsWith("image too small: field of view 36 pixels across"), e.getMessage());
    }

    @Test
    void normalise_fundus_squareWithBlackCornersAndBrightCentre() throws Exception {
        BufferedImage img = FundusFixtures.withCornerText(FundusFixtures.fundus(900, 600, 420, 300, 280, 6));
        NormalisedImage out = n.normalise(img);
        assertEquals(128, out.image().getWidth());
        assertEquals(128, out.image().getHeight());
        assertEquals(0, out.image().getRGB(0, 0) & 0xFFFFFF, "corner outside the circle is blanked");
        assertEquals(0, out.image().getRGB(127, 127) & 0xFFFFFF);
        int centre = out.image().getRGB(64, 64);
        assertTrue(((centre >> 16) & 0xFF) > 120, "centre of the field of view keeps its red fundus colour");
        // Just inside the circle edge on the horizontal axis the fundus is still visible (crop not too tight).
        int edge = out.image().getRGB(3, 64);
        assertTrue(((edge >> 16) & 0xFF) > 60, "left rim of the fundus survives the crop, got " + (edge >> 16 & 0xFF));
    }

    @Test
    void normalise_sixteenBitGrey_scalesByBitDepth() throws Exception {
        BufferedImage img = new BufferedImage(300, 300, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 300; x++) {
                boolean in = Math.hypot(x + 0.5 - 150, y + 0.5 - 150) <= 120;
                r.setSample(x, y, 0, in ? 32896 : 0);
            }
        }
        NormalisedImage out = n.normalise(img);
        assertTrue(out.fov().circular());
        int centre = out.image().getRGB(64, 64);
        assertEquals(128, centre & 0xFF, 1, "32896/65535 of full scale maps to 128 of 255, not gamma-brightened");
        assertEquals(centre & 0xFF, (centre >> 16) & 0xFF, "grey stays grey");
    }
}
