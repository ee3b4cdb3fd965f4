package org.stylexaudit.dicom;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one JPEG frame (baseline, extended, lossless process 14) through ImageIO with the TwelveMonkeys JPEG
 * plugin (whose own lossless decoder handles process 14), and 12-bit DCT frames with {@link SequentialJpegDecoder},
 * returning the component values as coded: no colour conversion, so the data set's photometric interpretation
 * decides (as dcmtk does by default).
 */
final class JpegDecoder {

    private JpegDecoder() {
    }

    /** Decodes to interleaved samples, checking the size against the data set. */
    static int[] decode(byte[] jpeg, ImageInfo info) throws DicomException {
        if (SequentialJpegDecoder.precision(jpeg) == 12) {
            return decode12(jpeg, info);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            ImageReader reader = pickReader(in);
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w != info.columns() || h != info.rows()) {
                    throw new DicomException("JPEG frame is " + w + " x " + h + " but the data set says "
                            + info.columns() + " x " + info.rows());
                }
                // readRaster skips the reader's colour conversion: YCbCr stays YCbCr, RGB stays RGB.
                Raster raster = reader.readRaster(0, null);
                if (raster.getNumBands() != info.samplesPerPixel()) {
                    throw new DicomException("JPEG frame has " + raster.getNumBands() + " components but the data "
                            + "set says " + info.samplesPerPixel() + " samples per pixel");
                }
                return raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new DicomException("JPEG frame cannot be decoded: " + firstLine(e), e);
        }
    }

    private static int[] decode12(byte[] jpeg, ImageInfo info) throws DicomException {
        SequentialJpegDecoder.DecodedJpeg d = SequentialJpegDecoder.decode(jpeg, info.columns(), info.rows(),
                info.samplesPerPixel());
        if (d.width() != info.columns() || d.height() != info.rows() || d.components() != info.samplesPerPixel()) {
            throw new DicomException("JPEG frame is " + d.width() + " x " + d.height() + " with " + d.components()
                    + " components but the data set says " + info.columns() + " x " + info.rows() + " with "
                    + info.samplesPerPixel());
        }
        return d.samples();
    }

    private static ImageReader pickReader(ImageInputStream in) throws DicomException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        ImageReader fallback = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            // The JDK's own reader cannot do lossless or 12-bit JPEG; TwelveMonkeys can, so prefer it.
            if (r.getClass().getName().startsWith("com.twelvemonkeys")) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return r;
            }
            if (fallback == null) {
                fallback = r;
            } else {
                r.dispose();
            }
        }
        if (fallback == null) {
            throw new DicomException("no ImageIO reader recognises the JPEG frame (missing SOI marker?)");
        }
        return fallback;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.split("\n")[0];
    }
}
