package org.stylexaudit.ingest;

import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes the first image of a PNG, JPEG or TIFF file through ImageIO (TwelveMonkeys plugins for JPEG and TIFF),
 * refusing truncated files and images too large for the heap. Fails only with {@link UnusableImageException} or
 * {@link IOException}, whatever the file holds.
 */
final class PlainImageReader {

    /** A decoded first image and how many images the file holds. */
    record Decoded(BufferedImage image, int frames) {
    }

    private final long maxPixels;

    PlainImageReader(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** Decodes the first image of {@code file}, whose format was recognised as {@code format}. */
    Decoded read(Path file, FileFormat format) throws UnusableImageException, IOException {
        if (format == FileFormat.JPEG && !endsWithEoi(file)) {
            // JPEG decoders fill a cut-off scan with grey and only warn; the missing end-of-image marker is the
            // reliable sign (ISO 10918-1 B.2.1: a JPEG stream ends with EOI).
            throw new UnusableImageException("truncated JPEG: no end-of-image marker");
        }
        // A FileImageInputStream reads the file directly; ImageIO.createImageInputStream might cache to disk.
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(in, format);
            try {
                reader.setInput(in, false, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if ((long) w * h > maxPixels) {
                    throw new UnusableImageException("image too large: " + w + " x " + h + " pixels exceeds the limit of "
                            + maxPixels);
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener(warningsInto(warnings));
                BufferedImage img = reader.read(0);
                for (String warning : warnings) {
                    String lower = warning.toLowerCase(Locale.ROOT);
                    if (lower.contains("premature") || lower.contains("truncat") || lower.contains("end of")) {
                        throw new UnusableImageException("truncated " + format.label().toUpperCase(Locale.ROOT) + ": "
                                + warning);
                    }
                }
                return new Decoded(img, frameCount(reader, format));
            } catch (EOFException e) {
                throw new UnusableImageException("truncated " + format.label().toUpperCase(Locale.ROOT)
                        + ": file ends inside the image data", e);
            } catch (IOException | RuntimeException e) {
                // The file was read fully for its digest just before, so an I/O error here is a broken file.
                // ImageIO plugins report broken files through any runtime exception, often wrapping the EOF:
                // besides index and argument errors, Jazzer found TwelveMonkeys' TIFF reader dividing by a zero
                // RowsPerStrip (ArithmeticException), so no narrower list is safe.
                String name = format.label().toUpperCase(Locale.ROOT);
                if (causedByEof(e) || (format == FileFormat.PNG && !hasPngEnd(file))) {
                    throw new UnusableImageException("truncated " + name + ": file ends inside the image data", e);
                }
                throw new UnusableImageException("corrupt " + name + ": " + firstLine(e), e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageReader readerFor(ImageInputStream in, FileFormat format) throws UnusableImageException {
        Iterator<ImageReader> it = ImageIO.getImageReaders(in);
        if (!it.hasNext()) {
            throw new UnusableImageException("corrupt " + format.label().toUpperCase(Locale.ROOT)
                    + ": no decoder accepts the file");
        }
        return it.next();
    }

    private static int frameCount(ImageReader reader, FileFormat format) {
        if (format != FileFormat.TIFF) {
            return 1;
        }
        try {
            return Math.max(1, reader.getNumImages(true));
        } catch (IOException | RuntimeException e) {
            // The first image decoded; a broken chain of later images only makes the count unknown.
            return 1;
        }
    }

    private static IIOReadWarningListener warningsInto(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    /** Tells whether the last bytes of a JPEG file, ignoring trailing zero padding, are the EOI marker FF D9. */
    static boolean endsWithEoi(Path file) throws IOException {
        byte[] buf = tail(file, 4096);
        int i = buf.length - 1;
        while (i >= 0 && buf[i] == 0) {
            i--;
        }
        return i >= 1 && (buf[i - 1] & 0xFF) == 0xFF && (buf[i] & 0xFF) == 0xD9;
    }

    private static boolean causedByEof(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    /** Tells whether a PNG file holds its IEND chunk type near the end (PNG spec 5.6: IEND is the last chunk). */
    static boolean hasPngEnd(Path file) throws IOException {
        byte[] tail = tail(file, 64);
        for (int i = 0; i + 4 <= tail.length; i++) {
            if (tail[i] == 'I' && tail[i + 1] == 'E' && tail[i + 2] == 'N' && tail[i + 3] == 'D') {
                return true;
            }
        }
        return false;
    }

    private static byte[] tail(Path file, int max) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            byte[] buf = new byte[(int) Math.min(len, max)];
            raf.seek(len - buf.length);
            raf.readFully(buf);
            return buf;
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.split("\n")[0];
    }
}
