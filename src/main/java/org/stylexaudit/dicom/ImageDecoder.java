package org.stylexaudit.dicom;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the pixel data of a data set, frame by frame: {@link #rawFrame} gives stored sample values for exact
 * comparisons, {@link #decodeFrame} a display-ready 8-bit image (Modality rescale, VOI window, MONOCHROME1
 * inversion, palette lookup and YBR to RGB conversion applied).
 *
 * <pre>{@code
 * ImageDecoder decoder = new ImageDecoder(ReadLimits.DEFAULT);
 * for (int i = 0; i < decoder.frameCount(ds); i++) {
 *     BufferedImage img = decoder.decodeFrame(ds, i);
 * }
 * }</pre>
 */
public final class ImageDecoder {

    private final ReadLimits limits;

    /** Creates a decoder with the default limits. */
    public ImageDecoder() {
        this(ReadLimits.DEFAULT);
    }

    /** Creates a decoder that enforces the pixel budget of the given limits. */
    public ImageDecoder(ReadLimits limits) {
        this.limits = limits;
    }

    /** Returns the number of frames after checking that the image can be decoded (throws the refusal if not). */
    public int frameCount(DicomObject ds) throws DicomException {
        return ImageInfo.of(ds, limits).frames();
    }

    /** Decodes one frame (0-based) to stored sample values. */
    public PixelFrame rawFrame(DicomObject ds, int frameIndex0) throws DicomException {
        ImageInfo info = ImageInfo.of(ds, limits);
        if (frameIndex0 < 0 || frameIndex0 >= info.frames()) {
            throw new IllegalArgumentException("frame index " + frameIndex0 + " is outside 0.." + (info.frames() - 1));
        }
        int[] samples;
        String photometric = info.photometric();
        if (info.syntax().encapsulated()) {
            byte[] frame = encapsulatedFrame(ds, info, frameIndex0);
            if (info.syntax() == TransferSyntax.RLE_LOSSLESS) {
                samples = unpackNative(RleDecoder.decode(frame, info), 0, info, true);
            } else {
                samples = mask(JpegDecoder.decode(frame, info), info);
            }
            if (photometric.equals("YBR_FULL_422")) {
                photometric = "YBR_FULL"; // the codec upsampled the chroma
            }
        } else {
            byte[] data = ds.bytes(Tag.PixelData);
            long offset = info.frameBytes() * frameIndex0;
            if (data == null || data.length < offset + info.frameBytes()) {
                throw new DicomException("pixel data holds " + (data == null ? 0 : data.length) + " bytes; frame "
                        + (frameIndex0 + 1) + " of " + info.rows() + " x " + info.columns() + " needs bytes up to "
                        + (offset + info.frameBytes()));
            }
            if (photometric.equals("YBR_FULL_422")) {
                samples = expand422(data, (int) offset, info);
                photometric = "YBR_FULL";
            } else {
                samples = unpackNative(data, (int) offset, info, info.planarConfiguration() == 0);
            }
        }
        return new PixelFrame(info.rows(), info.columns(), info.samplesPerPixel(), info.bitsStored(), info.signed(),
                photometric, samples);
    }

    /** Decodes one frame (0-based) to a display-ready 8-bit TYPE_BYTE_GRAY or TYPE_INT_RGB image. */
    public BufferedImage decodeFrame(DicomObject ds, int frameIndex0) throws DicomException {
        PixelFrame f = rawFrame(ds, frameIndex0);
        return switch (f.photometric()) {
            case "MONOCHROME1", "MONOCHROME2" -> DisplayMapper.gray(f, ds);
            case "PALETTE COLOR" -> DisplayMapper.palette(f, ds);
            default -> DisplayMapper.color(f);
        };
    }

    // ---- frame extraction ----

    private static byte[] encapsulatedFrame(DicomObject ds, ImageInfo info, int index) throws DicomException {
        List<byte[]> fragments = ds.fragments(Tag.PixelData);
        if (fragments == null) {
            throw new DicomException(info.syntax().displayName() + " needs encapsulated pixel data, but the pixel "
                    + "data is native");
        }
        List<byte[]> data = fragments.subList(1, fragments.size());
        if (data.isEmpty()) {
            throw new DicomException("encapsulated pixel data has no fragments");
        }
        List<List<byte[]>> frames = groupFrames(fragments.get(0), data, info);
        if (index >= frames.size()) {
            throw new DicomException("encapsulated pixel data holds " + frames.size() + " frames; frame "
                    + (index + 1) + " was asked for");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames.get(index)) {
            out.write(f, 0, f.length);
        }
        return out.toByteArray();
    }

    /** Groups fragments into frames: by the Basic Offset Table, one per frame, or at JPEG start-of-image markers. */
    private static List<List<byte[]>> groupFrames(byte[] offsetTable, List<byte[]> data, ImageInfo info)
            throws DicomException {
        List<List<byte[]>> frames = new ArrayList<>();
        if (info.frames() == 1) {
            frames.add(data);
            return frames;
        }
        if (data.size() == info.frames()) {
            data.forEach(f -> frames.add(List.of(f)));
            return frames;
        }
        if (offsetTable.length >= 4 * info.frames()) {
            // PS3.5 A.4: offsets count from the first byte of the first fragment's item tag.
            long[] starts = new long[data.size()];
            long at = 0;
            for (int i = 0; i < data.size(); i++) {
                starts[i] = at;
                at += 8 + data.get(i).length;
            }
            for (int k = 0; k < info.frames(); k++) {
                long from = readU32(offsetTable, 4 * k);
                long to = k + 1 < info.frames() ? readU32(offsetTable, 4 * k + 4) : Long.MAX_VALUE;
                List<byte[]> frame = new ArrayList<>();
                for (int i = 0; i < data.size(); i++) {
                    if (starts[i] >= from && starts[i] < to) {
                        frame.add(data.get(i));
                    }
                }
                if (frame.isEmpty()) {
                    throw new DicomException("Basic Offset Table entry " + (k + 1) + " points at no fragment");
                }
                frames.add(frame);
            }
            return frames;
        }
        if (info.syntax() == TransferSyntax.RLE_LOSSLESS) {
            throw new DicomException("RLE data has " + data.size() + " fragments for " + info.frames()
                    + " frames and no offset table (PS3.5 G.5 needs one fragment per frame)");
        }
        for (byte[] f : data) {
            boolean soi = f.length >= 2 && (f[0] & 0xFF) == 0xFF && (f[1] & 0xFF) == 0xD8;
            if (soi || frames.isEmpty()) {
                frames.add(new ArrayList<>());
            }
            frames.get(frames.size() - 1).add(f);
        }
        return frames;
    }

    private static long readU32(byte[] b, int at) {
        return ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (long) (b[at + 3] & 0xFF) << 24);
    }

    /** Reads native little endian samples of one frame, resolving planar configuration 1. */
    private static int[] unpackNative(byte[] data, int offset, ImageInfo info, boolean interleaved) {
        int pixels = info.pixels();
        int spp = info.samplesPerPixel();
        int[] out = new int[pixels * spp];
        int bytes = info.bitsAllocated() / 8;
        for (int i = 0; i < out.length; i++) {
            // Planar configuration 1 stores each colour plane whole (PS3.3 C.7.6.3.1.3).
            int src = interleaved ? i : (i % spp) * pixels + i / spp;
            int at = offset + src * bytes;
            int raw = switch (bytes) {
                case 1 -> data[at] & 0xFF;
                case 2 -> (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8;
                default -> (data[at] & 0xFF) | (data[at + 1] & 0xFF) << 8 | (data[at + 2] & 0xFF) << 16
                        | (data[at + 3] & 0xFF) << 24;
            };
            out[i] = raw;
        }
        return mask(out, info);
    }

    /** Keeps Bits Stored bits below High Bit and sign-extends them (PS3.5 8.1.1). */
    private static int[] mask(int[] values, ImageInfo info) {
        int bits = info.bitsStored();
        int shift = info.highBit() + 1 - bits;
        if (bits == 32) {
            return values;
        }
        int maskBits = (1 << bits) - 1;
        int signBit = 1 << (bits - 1);
        for (int i = 0; i < values.length; i++) {
            int v = (values[i] >>> shift) & maskBits;
            if (info.signed() && (v & signBit) != 0) {
                v |= ~maskBits;
            }
            values[i] = v;
        }
        return values;
    }

    /** Expands native YBR_FULL_422 (Y1 Y2 Cb Cr per pixel pair, PS3.3 C.7.6.3.1.2) to one Cb/Cr per pixel. */
    private static int[] expand422(byte[] data, int offset, ImageInfo info) throws DicomException {
        if (info.bitsAllocated() != 8) {
            throw new UnsupportedSyntaxException("native YBR_FULL_422 is only supported with 8 bits allocated");
        }
        int pixels = info.pixels();
        int[] out = new int[pixels * 3];
        for (int p = 0; p < pixels; p += 2) {
            int at = offset + p * 2;
            int cb = data[at + 2] & 0xFF;
            int cr = data[at + 3] & 0xFF;
            for (int k = 0; k < 2 && p + k < pixels; k++) {
                out[(p + k) * 3] = data[at + k] & 0xFF;
                out[(p + k) * 3 + 1] = cb;
                out[(p + k) * 3 + 2] = cr;
            }
        }
        return out;
    }

    /** Wraps raw 8-bit gray bytes as an image (shared by the display mapper). */
    static BufferedImage grayImage(int width, int height, byte[] pixels) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, dst, 0, pixels.length);
        return img;
    }

    /** Wraps packed RGB ints as an image. */
    static BufferedImage rgbImage(int width, int height, int[] rgb) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(rgb, 0, dst, 0, rgb.length);
        return img;
    }
}
