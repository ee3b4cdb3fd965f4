package org.stylexaudit.dicom;

/** Decodes one frame of RLE Lossless (PS3.5 annex G) into little endian native bytes, interleaved by pixel. */
final class RleDecoder {

    private RleDecoder() {
    }

    /**
     * Decodes a frame. The segments hold, for each sample, its bytes from most to least significant (G.2); they are
     * reassembled into interleaved little endian samples of {@code bytesPerSample} bytes.
     */
    static byte[] decode(byte[] frame, ImageInfo info) throws DicomException {
        if (frame.length < 64) {
            throw new DicomException("RLE frame is " + frame.length + " bytes, shorter than its 64-byte header");
        }
        int segments = readInt(frame, 0);
        int bytesPerSample = info.bitsAllocated() / 8;
        int expected = info.samplesPerPixel() * bytesPerSample;
        if (segments != expected) {
            throw new DicomException("RLE frame has " + segments + " segments; " + info.samplesPerPixel()
                    + " samples of " + info.bitsAllocated() + " bits need " + expected);
        }
        int pixels = info.pixels();
        byte[] out = new byte[pixels * expected];
        byte[] segment = new byte[pixels];
        for (int s = 0; s < segments; s++) {
            long start = readInt(frame, 4 + 4 * s) & 0xFFFFFFFFL;
            long end = s + 1 < segments ? readInt(frame, 8 + 4 * s) & 0xFFFFFFFFL : frame.length;
            if (start < 64 || start > frame.length || end > frame.length || end < start) {
                throw new DicomException("RLE segment " + (s + 1) + " offset " + start + " lies outside the frame of "
                        + frame.length + " bytes");
            }
            java.util.Arrays.fill(segment, (byte) 0);
            unpack(frame, (int) start, (int) end, segment);
            int sample = s / bytesPerSample;
            int byteInSample = bytesPerSample - 1 - s % bytesPerSample; // segment 0 of a sample is its MSB
            for (int p = 0; p < pixels; p++) {
                out[(p * info.samplesPerPixel() + sample) * bytesPerSample + byteInSample] = segment[p];
            }
        }
        return out;
    }

    /** Runs the PackBits-style scheme of G.3.1; output past the segment size is dropped (bounded work). */
    private static void unpack(byte[] in, int pos, int end, byte[] out) {
        int o = 0;
        while (pos < end && o < out.length) {
            int n = in[pos++];
            if (n >= 0) {
                int count = Math.min(n + 1, Math.min(end - pos, out.length - o));
                System.arraycopy(in, pos, out, o, count);
                pos += n + 1;
                o += count;
            } else if (n != -128) {
                if (pos >= end) {
                    return;
                }
                byte v = in[pos++];
                int count = Math.min(1 - n, out.length - o);
                java.util.Arrays.fill(out, o, o + count, v);
                o += count;
            }
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
