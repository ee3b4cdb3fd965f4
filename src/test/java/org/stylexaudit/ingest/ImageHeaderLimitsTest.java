package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers that announce huge images are refused from the header, before any pixel buffer is allocated, and
 * compressed side data cannot inflate into the heap.
 */
class ImageHeaderLimitsTest {

    @TempDir
    Path tmp;

    private final PlainImageReader reader = new PlainImageReader(IngestOptions.DEFAULT_MAX_PIXELS);

    @Test
    void read_pngAnnouncing100000Squared_isRefusedBeforeDecoding() throws IOException {
        Path f = tmp.resolve("huge.png");
        Files.write(f, png(100_000, 100_000, new byte[0], null));
        UnusableImageException e = assertThrows(UnusableImageException.class, () -> reader.read(f, FileFormat.PNG));
        assertEquals("image too large: 100000 x 100000 pixels exceeds the limit of 50000000", e.getMessage());
    }

    @Test
    void read_jpegAnnouncing65535Squared_isRefusedBeforeDecoding() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeShort(0xFFD8);
        // SOF0 (ISO 10918-1 B.2.2): precision 8, height, width, one component.
        d.writeShort(0xFFC0);
        d.writeShort(11);
        d.writeByte(8);
        d.writeShort(65535);
        d.writeShort(65535);
        d.writeByte(1);
        d.writeByte(1);
        d.writeByte(0x11);
        d.writeByte(0);
        d.writeShort(0xFFD9);
        Path f = tmp.resolve("huge.jpg");
        Files.write(f, b.toByteArray());
        UnusableImageException e = assertThrows(UnusableImageException.class, () -> reader.read(f, FileFormat.JPEG));
        assertTrue(e.getMessage().startsWith("image too large: 65535 x 65535 pixels"), e.getMessage());
    }

    @Test
    void read_tiffAnnouncingAMillionSquared_isRefusedBeforeDecoding() throws IOException {
        Path f = tmp.resolve("huge.tif");
        Files.write(f, tiff(1_000_000, 1_000_000, 0));
        UnusableImageException e = assertThrows(UnusableImageException.class, () -> reader.read(f, FileFormat.TIFF));
        assertTrue(e.getMessage().startsWith("image too large: 1000000 x 1000000 pixels"), e.getMessage());
    }

    @Test
    void read_tiffWhoseNextImagePointsAtItself_ends() throws IOException {
        Path f = tmp.resolve("loop.tif");
        Files.write(f, tiff(4, 4, 8)); // the IFD sits at offset 8 and names offset 8 as the next IFD
        try {
            PlainImageReader.Decoded d = reader.read(f, FileFormat.TIFF);
            assertEquals(4, d.image().getWidth());
        } catch (UnusableImageException refused) {
            assertTrue(refused.getMessage().startsWith("corrupt TIFF"), refused.getMessage());
        }
    }

    @Test
    void read_pngWithAHugeCompressedTextChunk_stillDecodesTheImage() throws Exception {
        // 64 MiB of zeros deflate to about 64 KiB; the reader ignores metadata, so the chunk is skipped, not inflated.
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[64 << 20]);
        deflater.finish();
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!deflater.finished()) {
            z.write(buf, 0, deflater.deflate(buf));
        }
        ByteArrayOutputStream ztxt = new ByteArrayOutputStream();
        ztxt.writeBytes("Comment".getBytes(StandardCharsets.ISO_8859_1));
        ztxt.write(0);
        ztxt.write(0);
        ztxt.writeBytes(z.toByteArray());
        Path f = tmp.resolve("bomb.png");
        byte[] row = new byte[1 + 8]; // filter byte + 8 grey pixels
        byte[] idat = new byte[row.length * 8];
        for (int i = 0; i < idat.length; i++) {
            idat[i] = (byte) (i % row.length == 0 ? 0 : 40 + i);
        }
        Files.write(f, png(8, 8, idat, ztxt.toByteArray()));
        PlainImageReader.Decoded d = reader.read(f, FileFormat.PNG);
        assertEquals(8, d.image().getWidth());
    }

    /** A greyscale 8-bit PNG with the given raw (filtered) scanlines and an optional zTXt chunk before IDAT. */
    static byte[] png(int w, int h, byte[] raw, byte[] ztxt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        if (ztxt != null) {
            chunk(out, "zTXt", ztxt);
        }
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] buf = new byte[raw.length + 64];
        int n = deflater.deflate(buf);
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A little-endian uncompressed 8-bit greyscale TIFF with one IFD at offset 8 and the given next-IFD offset. */
    static byte[] tiff(int w, int h, int nextIfd) {
        int entries = 8;
        int ifdSize = 2 + entries * 12 + 4;
        int dataOffset = 8 + ifdSize;
        int pixels = 16;
        ByteBuffer b = ByteBuffer.allocate(dataOffset + pixels).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        entry(b, 256, 4, w);            // ImageWidth (LONG)
        entry(b, 257, 4, h);            // ImageLength
        entry(b, 258, 3, 8);            // BitsPerSample
        entry(b, 259, 3, 1);            // Compression: none
        entry(b, 262, 3, 1);            // PhotometricInterpretation: BlackIsZero
        entry(b, 273, 4, dataOffset);   // StripOffsets
        entry(b, 278, 4, h);            // RowsPerStrip
        entry(b, 279, 4, pixels);       // StripByteCounts
        b.putInt(nextIfd);
        for (int i = 0; i < pixels; i++) {
            b.put((byte) (i * 15));
        }
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
