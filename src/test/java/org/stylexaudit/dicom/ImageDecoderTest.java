package org.stylexaudit.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void rawFrame_masksBitsStoredAndSignExtends() throws Exception {
        // 12 bits stored in 16 allocated, signed; garbage in the top 4 bits must be ignored (PS3.5 8.1.1).
        int[] stored = {0x0FFF, 0x0800, 0x07FF, 0x0001};
        int[] withGarbage = new int[stored.length];
        for (int i = 0; i < stored.length; i++) {
            withGarbage[i] = stored[i] | 0xA000;
        }
        DicomObject ds = Fixtures.mono(2, 2, 1, 16, 12, true, withGarbage);
        assertArrayEquals(new int[] {-1, -2048, 2047, 1}, decoder.rawFrame(ds, 0).samples());
        DicomObject unsigned = Fixtures.mono(2, 2, 1, 16, 12, false, withGarbage);
        assertArrayEquals(stored, decoder.rawFrame(unsigned, 0).samples());
    }

    @Test
    void decodeFrame_appliesRescaleAndWindow() throws Exception {
        DicomObject ds = Fixtures.mono(1, 4, 1, 16, 16, false, new int[] {0, 1000, 1100, 3000});
        ds.put(Tag.RescaleSlope, VR.DS, "2");
        ds.put(Tag.RescaleIntercept, VR.DS, "-1000");
        ds.put(Tag.WindowCenter, VR.DS, "1200");
        ds.put(Tag.WindowWidth, VR.DS, "400");
        // Modality values: -1000, 1000, 1200, 5000. Window 1200/400: below 1000.5 black, above 1399.5 white.
        BufferedImage img = decoder.decodeFrame(ds, 0);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
        int[] gray = img.getRaster().getPixels(0, 0, 4, 1, (int[]) null);
        int mid = (int) (((1200 - 1199.5) / 399 + 0.5) * 255);
        assertArrayEquals(new int[] {0, 0, mid, 255}, gray);
    }

    @Test
    void decodeFrame_invertsMonochrome1AndStretchesWithoutWindow() throws Exception {
        DicomObject ds = Fixtures.mono(1, 3, 1, 16, 10, false, new int[] {100, 300, 1000});
        BufferedImage m2 = decoder.decodeFrame(ds, 0);
        int[] g2 = m2.getRaster().getPixels(0, 0, 3, 1, (int[]) null);
        assertEquals(0, g2[0]);
        assertEquals(255, g2[2]);
        ds.put(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME1");
        int[] g1 = decoder.decodeFrame(ds, 0).getRaster().getPixels(0, 0, 3, 1, (int[]) null);
        // dcmtk inverts before truncating, so the darkest stored value lands on 254 or 255, not exactly 255.
        assertTrue(g1[0] >= 254, "darkest MONOCHROME1 value is near white: " + g1[0]);
        assertEquals(0, g1[2]);
        assertTrue(g1[1] > 128 && g2[1] < 128, "middle value darker in MONOCHROME2, lighter in MONOCHROME1");
    }

    @Test
    void rawFrame_readsEachFrameOfMultiFrameAndPlanarConfiguration1() throws Exception {
        int[] samples = new int[2 * 3 * 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i * 10;
        }
        DicomObject ds = Fixtures.mono(2, 3, 2, 8, 8, false, samples);
        assertEquals(2, decoder.frameCount(ds));
        assertArrayEquals(new int[] {60, 70, 80, 90, 100, 110}, decoder.rawFrame(ds, 1).samples());
        assertThrows(IllegalArgumentException.class, () -> decoder.rawFrame(ds, 2));

        // Planar configuration 1: RR GG BB for two pixels.
        DicomObject rgb = Fixtures.baseDataset();
        rgb.putInts(Tag.SamplesPerPixel, VR.US, 3).put(Tag.PhotometricInterpretation, VR.CS, "RGB")
                .putInts(Tag.PlanarConfiguration, VR.US, 1).putInts(Tag.Rows, VR.US, 1)
                .putInts(Tag.Columns, VR.US, 2).putInts(Tag.BitsAllocated, VR.US, 8)
                .putInts(Tag.BitsStored, VR.US, 8).putInts(Tag.HighBit, VR.US, 7)
                .putInts(Tag.PixelRepresentation, VR.US, 0)
                .putBytes(Tag.PixelData, VR.OB, new byte[] {10, 11, 20, 21, 30, 31});
        assertArrayEquals(new int[] {10, 20, 30, 11, 21, 31}, decoder.rawFrame(rgb, 0).samples());
        BufferedImage img = decoder.decodeFrame(rgb, 0);
        assertEquals(10 << 16 | 20 << 8 | 30, img.getRGB(0, 0) & 0xFFFFFF);
    }

    @Test
    void decodeFrame_convertsYbrFull422AndPalette() throws Exception {
        DicomObject ybr = Fixtures.baseDataset();
        ybr.putInts(Tag.SamplesPerPixel, VR.US, 3).put(Tag.PhotometricInterpretation, VR.CS, "YBR_FULL_422")
                .putInts(Tag.PlanarConfiguration, VR.US, 0).putInts(Tag.Rows, VR.US, 1)
                .putInts(Tag.Columns, VR.US, 2).putInts(Tag.BitsAllocated, VR.US, 8)
                .putInts(Tag.BitsStored, VR.US, 8).putInts(Tag.HighBit, VR.US, 7)
                .putInts(Tag.PixelRepresentation, VR.US, 0)
                .putBytes(Tag.PixelData, VR.OB, new byte[] {(byte) 200, 50, (byte) 128, (byte) 128});
        PixelFrame f = decoder.rawFrame(ybr, 0);
        assertEquals("YBR_FULL", f.photometric());
        assertArrayEquals(new int[] {200, 128, 128, 50, 128, 128}, f.samples());
        BufferedImage img = decoder.decodeFrame(ybr, 0);
        // Neutral chroma gives grey, within one level of the luma.
        int p = img.getRGB(0, 0);
        for (int shift = 0; shift < 24; shift += 8) {
            assertTrue(Math.abs((p >> shift & 0xFF) - 200) <= 1, Integer.toHexString(p));
        }

        DicomObject pal = Fixtures.mono(1, 3, 1, 8, 8, false, new int[] {5, 6, 7});
        pal.put(Tag.PhotometricInterpretation, VR.CS, "PALETTE COLOR");
        for (int c = 0; c < 3; c++) {
            pal.putInts(Tag.RedPaletteColorLookupTableDescriptor + c, VR.US, 3, 5, 16);
            int[] entries = {0x1000 * (c + 1), 0x2000 * (c + 1), 0xFFFF};
            pal.putInts(Tag.RedPaletteColorLookupTableData + c, VR.OW, entries);
        }
        BufferedImage rgb = decoder.decodeFrame(pal, 0);
        assertEquals(0x10 << 16 | 0x20 << 8 | 0x30, rgb.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x20 << 16 | 0x40 << 8 | 0x60, rgb.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, rgb.getRGB(2, 0) & 0xFFFFFF);
    }

    @Test
    void rawFrame_decodesRleLossless16BitTwoFrames() throws Exception {
        int rows = 3;
        int cols = 5;
        DicomObject ds = Fixtures.mono(rows, cols, 2, 16, 16, false, new int[rows * cols * 2]);
        ds.setTransferSyntax(Uids.RLELossless);
        List<byte[]> fragments = new ArrayList<>();
        fragments.add(new byte[0]);
        int[][] expected = new int[2][rows * cols];
        for (int frame = 0; frame < 2; frame++) {
            byte[] hi = new byte[rows * cols];
            byte[] lo = new byte[rows * cols];
            for (int i = 0; i < rows * cols; i++) {
                expected[frame][i] = 1000 * frame + i * 257;
                hi[i] = (byte) (expected[frame][i] >> 8);
                lo[i] = (byte) expected[frame][i];
            }
            fragments.add(Fixtures.rleFrame(List.of(Fixtures.rleLiteral(hi), Fixtures.rleLiteral(lo))));
        }
        ds.putFragments(Tag.PixelData, VR.OB, fragments);
        assertArrayEquals(expected[0], decoder.rawFrame(ds, 0).samples());
        assertArrayEquals(expected[1], decoder.rawFrame(ds, 1).samples());
    }

    @Test
    void rawFrame_decodesJpegBaselineLikeImageIo() throws Exception {
        BufferedImage gray = new BufferedImage(24, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 24; x++) {
                gray.getRaster().setSample(x, y, 0, (x * 10 + y * 3) % 256);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(gray, "jpeg", jpeg));
        DicomObject ds = Fixtures.mono(16, 24, 1, 8, 8, false, new int[16 * 24]);
        ds.setTransferSyntax(Uids.JPEGBaseline8Bit);
        ds.putFragments(Tag.PixelData, VR.OB, List.of(new byte[0], jpeg.toByteArray()));
        int[] ours = decoder.rawFrame(ds, 0).samples();
        int[] source = gray.getRaster().getPixels(0, 0, 24, 16, (int[]) null);
        int worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - source[i]));
        }
        // ImageIO's default quality is 0.75; a sharp pattern loses up to about 30 levels there.
        assertTrue(worst <= 40, "lossy JPEG stays near the source, worst " + worst);
        BufferedImage viaImageIo = ImageIO.read(new java.io.ByteArrayInputStream(jpeg.toByteArray()));
        assertArrayEquals(viaImageIo.getRaster().getPixels(0, 0, 24, 16, (int[]) null), ours);
    }

    @Test
    void rawFrame_decodesTwelveBitJpegExtendedWithinOneOfDcmtk() throws Exception {
        // Made with dcmtk: dcmcjpeg +ee mono12-source.dcm, and dcmdjpeg of that as the reference decoding.
        DicomObject jpeg = resource("mono12-jpeg-extended.dcm");
        DicomObject reference = resource("mono12-jpeg-extended.dcmdjpeg.dcm");
        assertEquals(Uids.JPEGExtended12Bit, jpeg.transferSyntax());
        int[] ours = decoder.rawFrame(jpeg, 0).samples();
        int[] theirs = decoder.rawFrame(reference, 0).samples();
        assertEquals(theirs.length, ours.length);
        for (int i = 0; i < ours.length; i++) {
            assertTrue(Math.abs(ours[i] - theirs[i]) <= 1, "sample " + i + ": " + ours[i] + " vs " + theirs[i]);
        }
    }

    @Test
    void rawFrame_decodesLosslessJpegProcess14Exactly() throws Exception {
        // Made with dcmtk: dcmcjpeg +el mono12-source.dcm (process 14, 12 bits stored in 16).
        DicomObject jpeg = resource("mono12-jpeg-lossless.dcm");
        assertEquals(Uids.JPEGLossless, jpeg.transferSyntax());
        assertArrayEquals(decoder.rawFrame(resource("mono12-source.dcm"), 0).samples(),
                decoder.rawFrame(jpeg, 0).samples());
    }

    private static DicomObject resource(String name) throws Exception {
        try (java.io.InputStream in = ImageDecoderTest.class.getResourceAsStream("/dicom/" + name)) {
            assertTrue(in != null, "test resource " + name);
            return new DicomReader(ReadLimits.DEFAULT).read(in.readAllBytes());
        }
    }

    @Test
    void frameCount_refusesJpegLsAndJpeg2000WithOneLine() throws Exception {
        DicomObject ds = Fixtures.mono(2, 2, 1, 8, 8, false, new int[4]);
        ds.setTransferSyntax(Uids.JPEGLSLossless);
        UnsupportedSyntaxException e = assertThrows(UnsupportedSyntaxException.class, () -> decoder.frameCount(ds));
        assertEquals("JPEG-LS Lossless (1.2.840.10008.1.2.4.80) is not supported; ask the archive to transcode to "
                + "Explicit VR Little Endian", e.getMessage());
        ds.setTransferSyntax(Uids.JPEG2000);
        assertTrue(assertThrows(UnsupportedSyntaxException.class, () -> decoder.frameCount(ds)).getMessage()
                .startsWith("JPEG 2000 Image Compression (1.2.840.10008.1.2.4.91)"));
    }

    @Test
    void frameCount_refusesAbsurdDimensionsBeforeAllocating() {
        DicomObject ds = Fixtures.mono(1, 1, 1, 16, 16, false, new int[1]);
        ds.putInts(Tag.Rows, VR.US, 65535).putInts(Tag.Columns, VR.US, 65535);
        ds.put(Tag.NumberOfFrames, VR.IS, "99999");
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> decoder.frameCount(ds));
        assertTrue(e.getMessage().contains("pixel budget"), e.getMessage());
        // Within the budget but larger than the data: a clear failure, not an index error.
        ds.remove(Tag.NumberOfFrames);
        ds.putInts(Tag.Rows, VR.US, 100).putInts(Tag.Columns, VR.US, 100);
        assertThrows(DicomException.class, () -> decoder.rawFrame(ds, 0));
    }
}
