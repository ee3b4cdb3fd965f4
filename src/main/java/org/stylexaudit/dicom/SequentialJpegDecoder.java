package org.stylexaudit.dicom;

/**
 * Decodes sequential Huffman DCT JPEG (ITU T.81 processes 1, 2 and 4: baseline and extended, 8 or 12 bits), used
 * for 12-bit frames (DICOM 1.2.840.10008.1.2.4.51) because neither the JDK's reader nor TwelveMonkeys (which
 * delegates DCT decoding to the JDK) accepts 12-bit precision. Output is the component values as coded, without
 * colour conversion; chroma is upsampled by replication.
 */
final class SequentialJpegDecoder {

    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
        60, 61, 54, 47, 55, 62, 63};
    private static final double[][] COS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                double c = u == 0 ? Math.sqrt(0.5) : 1.0;
                COS[x][u] = c * Math.cos((2 * x + 1) * u * Math.PI / 16) / 2;
            }
        }
    }

    /** One frame component (T.81 B.2.2). */
    private static final class Component {
        int id;
        int h;
        int v;
        int tq;
        int td;
        int ta;
        int pred;
        int blocksW;
        int blocksH;
        int[] plane; // blocksW*8 x blocksH*8 samples
    }

    /** A Huffman table as code lengths and values, decoded canonically (T.81 C and F.2.2.3). */
    private static final class Huffman {
        final int[] maxCode = new int[18];
        final int[] valPtr = new int[17];
        final int[] minCode = new int[17];
        final int[] values;

        Huffman(int[] counts, int[] values) {
            this.values = values;
            int code = 0;
            int k = 0;
            for (int len = 1; len <= 16; len++) {
                valPtr[len] = k;
                minCode[len] = code;
                code += counts[len];
                k += counts[len];
                maxCode[len] = counts[len] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }

    private final byte[] data;
    private int pos;
    private final int[][] quant = new int[4][64];
    private final Huffman[] dc = new Huffman[4];
    private final Huffman[] ac = new Huffman[4];
    private Component[] components;
    private int precision;
    private int width;
    private int height;
    private int hmax = 1;
    private int vmax = 1;
    private int restartInterval;
    private int expectedWidth;
    private int expectedHeight;
    private int expectedComponents;
    // bit reader
    private int bitBuffer;
    private int bitCount;

    private SequentialJpegDecoder(byte[] data) {
        this.data = data;
    }

    /** Returns the sample precision in the SOF marker, or 0 when none is found before the first scan. */
    static int precision(byte[] jpeg) {
        int p = 2;
        while (p + 4 < jpeg.length) {
            if ((jpeg[p] & 0xFF) != 0xFF) {
                return 0;
            }
            int marker = jpeg[p + 1] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return jpeg[p + 4] & 0xFF;
            }
            if (marker == 0xDA) {
                return 0;
            }
            p += 2 + ((jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF));
        }
        return 0;
    }

    /** Decodes a whole JPEG stream to interleaved samples. */
    static DecodedJpeg decode(byte[] jpeg) throws DicomException {
        return decode(jpeg, 0, 0, 0);
    }

    /**
     * Decodes a whole JPEG stream that must be {@code width} x {@code height} with {@code components} components
     * (0: any). The frame header is checked before any sample buffer is allocated or any scan decoded: a corrupt
     * header announcing 16000 x 2000 samples otherwise costs seconds of decoding before the size mismatch shows.
     */
    static DecodedJpeg decode(byte[] jpeg, int width, int height, int components) throws DicomException {
        try {
            SequentialJpegDecoder d = new SequentialJpegDecoder(jpeg);
            d.expectedWidth = width;
            d.expectedHeight = height;
            d.expectedComponents = components;
            return d.run();
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new DicomException("JPEG frame is truncated or corrupt");
        }
    }

    /** The decoded image. */
    record DecodedJpeg(int width, int height, int components, int[] samples) {
    }

    private DecodedJpeg run() throws DicomException {
        if (u8(0) != 0xFF || u8(1) != 0xD8) {
            throw new DicomException("JPEG frame does not start with SOI");
        }
        pos = 2;
        boolean sawScan = false;
        while (pos + 1 < data.length) {
            if (u8(pos) != 0xFF) {
                pos++;
                continue; // tolerate fill bytes between segments
            }
            int marker = u8(pos + 1);
            pos += 2;
            if (marker == 0xD9) {
                break;
            }
            if (marker == 0xFF || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                if (marker == 0xFF) {
                    pos--;
                }
                continue;
            }
            int len = u16(pos);
            int end = pos + len;
            switch (marker) {
                case 0xDB -> readQuant(pos + 2, end);
                case 0xC4 -> readHuffman(pos + 2, end);
                case 0xC0, 0xC1 -> readFrame(pos + 2);
                case 0xDD -> restartInterval = u16(pos + 2);
                case 0xDA -> {
                    readScan(pos + 2);
                    sawScan = true;
                    continue; // readScan leaves pos after the entropy-coded data
                }
                default -> {
                    if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        throw new DicomException("JPEG process with SOF marker 0x" + Integer.toHexString(marker)
                                + " (progressive, lossless or arithmetic) is not handled by the 12-bit decoder");
                    }
                }
            }
            pos = end;
        }
        if (!sawScan || components == null) {
            throw new DicomException("JPEG frame has no frame header or scan");
        }
        return output();
    }

    private void readQuant(int p, int end) {
        while (p < end) {
            int pq = u8(p) >> 4;
            int tq = u8(p) & 15;
            p++;
            for (int i = 0; i < 64; i++) {
                quant[tq][ZIGZAG[i]] = pq == 0 ? u8(p++) : u16(p);
                if (pq != 0) {
                    p += 2;
                }
            }
        }
    }

    private void readHuffman(int p, int end) {
        while (p < end) {
            int tc = u8(p) >> 4;
            int th = u8(p) & 15;
            p++;
            int[] counts = new int[17];
            int total = 0;
            for (int i = 1; i <= 16; i++) {
                counts[i] = u8(p++);
                total += counts[i];
            }
            int[] values = new int[total];
            for (int i = 0; i < total; i++) {
                values[i] = u8(p++);
            }
            (tc == 0 ? dc : ac)[th] = new Huffman(counts, values);
        }
    }

    private void readFrame(int p) throws DicomException {
        precision = u8(p);
        height = u16(p + 1);
        width = u16(p + 3);
        int n = u8(p + 5);
        if (height == 0 || width == 0 || n < 1 || n > 4) {
            throw new DicomException("JPEG frame header has size " + width + " x " + height + " and " + n
                    + " components");
        }
        if (expectedWidth > 0 && (width != expectedWidth || height != expectedHeight || n != expectedComponents)) {
            throw new DicomException("JPEG frame is " + width + " x " + height + " with " + n + " components but "
                    + "the data set says " + expectedWidth + " x " + expectedHeight + " with " + expectedComponents);
        }
        components = new Component[n];
        for (int i = 0; i < n; i++) {
            Component c = new Component();
            c.id = u8(p + 6 + 3 * i);
            c.h = Math.max(1, u8(p + 7 + 3 * i) >> 4);
            c.v = Math.max(1, u8(p + 7 + 3 * i) & 15);
            c.tq = u8(p + 8 + 3 * i) & 3;
            hmax = Math.max(hmax, c.h);
            vmax = Math.max(vmax, c.v);
            components[i] = c;
        }
        int mcusX = (width + 8 * hmax - 1) / (8 * hmax);
        int mcusY = (height + 8 * vmax - 1) / (8 * vmax);
        for (Component c : components) {
            c.blocksW = mcusX * c.h;
            c.blocksH = mcusY * c.v;
            c.plane = new int[c.blocksW * 8 * c.blocksH * 8];
        }
    }

    private void readScan(int p) throws DicomException {
        if (components == null) {
            throw new DicomException("JPEG scan before frame header");
        }
        int n = u8(p);
        Component[] scan = new Component[n];
        for (int i = 0; i < n; i++) {
            int id = u8(p + 1 + 2 * i);
            int tables = u8(p + 2 + 2 * i);
            for (Component c : components) {
                if (c.id == id) {
                    scan[i] = c;
                }
            }
            if (scan[i] == null) {
                throw new DicomException("JPEG scan names unknown component " + id);
            }
            scan[i].td = tables >> 4 & 3;
            scan[i].ta = tables & 3;
            scan[i].pred = 0;
        }
        pos = p + 1 + 2 * n + 3;
        bitBuffer = 0;
        bitCount = 0;
        int[] block = new int[64];
        if (n == 1) {
            // Non-interleaved scan: the component's own blocks in raster order, only those covering the image.
            Component c = scan[0];
            int bw = (width * c.h / hmax + 7) / 8;
            int bh = (height * c.v / vmax + 7) / 8;
            int count = 0;
            for (int by = 0; by < bh; by++) {
                for (int bx = 0; bx < bw; bx++) {
                    restartIfDue(count++, scan);
                    decodeBlock(c, block);
                    store(c, block, bx, by);
                }
            }
        } else {
            int mcusX = (width + 8 * hmax - 1) / (8 * hmax);
            int mcusY = (height + 8 * vmax - 1) / (8 * vmax);
            int count = 0;
            for (int my = 0; my < mcusY; my++) {
                for (int mx = 0; mx < mcusX; mx++) {
                    restartIfDue(count++, scan);
                    for (Component c : scan) {
                        for (int v = 0; v < c.v; v++) {
                            for (int h = 0; h < c.h; h++) {
                                decodeBlock(c, block);
                                store(c, block, mx * c.h + h, my * c.v + v);
                            }
                        }
                    }
                }
            }
        }
        // Skip to the next marker that is not a restart marker or a stuffed zero.
        while (pos + 1 < data.length && !(u8(pos) == 0xFF && u8(pos + 1) != 0 && !(u8(pos + 1) >= 0xD0
                && u8(pos + 1) <= 0xD7))) {
            pos++;
        }
    }

    private void restartIfDue(int count, Component[] scan) {
        if (restartInterval > 0 && count > 0 && count % restartInterval == 0) {
            bitBuffer = 0;
            bitCount = 0;
            while (pos + 1 < data.length && !(u8(pos) == 0xFF && u8(pos + 1) >= 0xD0 && u8(pos + 1) <= 0xD7)) {
                pos++;
            }
            pos += 2;
            for (Component c : scan) {
                c.pred = 0;
            }
        }
    }

    private void decodeBlock(Component c, int[] block) throws DicomException {
        java.util.Arrays.fill(block, 0);
        int t = decodeHuffman(dc[c.td]);
        int diff = t == 0 ? 0 : extend(bits(t), t);
        c.pred += diff;
        int[] q = quant[c.tq];
        block[0] = c.pred * q[0];
        for (int k = 1; k < 64; ) {
            int rs = decodeHuffman(ac[c.ta]);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r != 15) {
                    break; // EOB
                }
                k += 16;
                continue;
            }
            k += r;
            if (k > 63) {
                break;
            }
            block[ZIGZAG[k]] = extend(bits(s), s) * q[ZIGZAG[k]];
            k++;
        }
    }

    /** Inverse DCT (separable, double precision), level shift and clamp, into the component plane. */
    private void store(Component c, int[] coef, int bx, int by) {
        double[] tmp = new double[64];
        for (int y = 0; y < 8; y++) {
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int v = 0; v < 8; v++) {
                    s += COS[y][v] * coef[v * 8 + u];
                }
                tmp[y * 8 + u] = s;
            }
        }
        int shift = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        int stride = c.blocksW * 8;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double s = 0;
                for (int u = 0; u < 8; u++) {
                    s += COS[x][u] * tmp[y * 8 + u];
                }
                int val = (int) Math.round(s) + shift;
                int row = by * 8 + y;
                int col = bx * 8 + x;
                if (row < c.blocksH * 8 && col < stride) {
                    c.plane[row * stride + col] = val < 0 ? 0 : Math.min(max, val);
                }
            }
        }
    }

    private DecodedJpeg output() {
        int n = components.length;
        int[] out = new int[width * height * n];
        for (int ci = 0; ci < n; ci++) {
            Component c = components[ci];
            int stride = c.blocksW * 8;
            for (int y = 0; y < height; y++) {
                int sy = y * c.v / vmax;
                for (int x = 0; x < width; x++) {
                    out[(y * width + x) * n + ci] = c.plane[sy * stride + x * c.h / hmax];
                }
            }
        }
        return new DecodedJpeg(width, height, n, out);
    }

    private int decodeHuffman(Huffman h) throws DicomException {
        if (h == null) {
            throw new DicomException("JPEG scan uses an undefined Huffman table");
        }
        int code = 0;
        for (int len = 1; len <= 16; len++) {
            code = code << 1 | bit();
            if (h.maxCode[len] >= 0 && code <= h.maxCode[len] && code >= h.minCode[len]) {
                return h.values[h.valPtr[len] + code - h.minCode[len]];
            }
        }
        throw new DicomException("JPEG entropy-coded data is corrupt (no Huffman code matches)");
    }

    private int bits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 1 | bit();
        }
        return v;
    }

    private int bit() {
        if (bitCount == 0) {
            int b = 0;
            if (pos < data.length) {
                b = u8(pos);
                if (b == 0xFF) {
                    int next = pos + 1 < data.length ? u8(pos + 1) : 0;
                    if (next == 0) {
                        pos += 2; // stuffed zero byte (T.81 F.1.2.3)
                    } else {
                        b = 0; // a marker: feed zeros, do not move past it
                    }
                } else {
                    pos++;
                }
            }
            bitBuffer = b;
            bitCount = 8;
        }
        bitCount--;
        return bitBuffer >> bitCount & 1;
    }

    /** T.81 F.2.2.1 EXTEND. */
    private static int extend(int v, int t) {
        return v < 1 << (t - 1) ? v - (1 << t) + 1 : v;
    }

    private int u8(int p) {
        return data[p] & 0xFF;
    }

    private int u16(int p) {
        return u8(p) << 8 | u8(p + 1);
    }
}
