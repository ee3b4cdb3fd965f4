package org.stylexaudit.dicom;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;

/** Builds data sets and byte streams for the codec tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** A deterministic RGB test pattern with every channel varying. */
    static BufferedImage rgbPattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 7 + y) % 256 << 16 | (y * 5 + 3 * x) % 256 << 8 | (x * y) % 256);
            }
        }
        return img;
    }

    /** A data set with the identifiers the writer needs and a few patient attributes. */
    static DicomObject baseDataset() {
        DicomObject ds = new DicomObject();
        ds.put(Tag.SOPClassUID, VR.UI, Uids.OphthalmicPhotography8BitImageStorage);
        ds.put(Tag.SOPInstanceUID, VR.UI, Uids.newUid());
        ds.put(Tag.StudyInstanceUID, VR.UI, Uids.newUid());
        ds.put(Tag.PatientName, VR.PN, "Doe^Jane");
        ds.put(Tag.PatientID, VR.LO, "P-0001");
        ds.put(Tag.Modality, VR.CS, "OP");
        return ds;
    }

    /** A monochrome native image of {@code bits} allocated bits with the given samples, little endian. */
    static DicomObject mono(int rows, int cols, int frames, int bitsAllocated, int bitsStored, boolean signed,
            int[] samples) {
        DicomObject ds = baseDataset();
        ds.putInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.put(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.putInts(Tag.Rows, VR.US, rows);
        ds.putInts(Tag.Columns, VR.US, cols);
        if (frames > 1) {
            ds.put(Tag.NumberOfFrames, VR.IS, String.valueOf(frames));
        }
        ds.putInts(Tag.BitsAllocated, VR.US, bitsAllocated);
        ds.putInts(Tag.BitsStored, VR.US, bitsStored);
        ds.putInts(Tag.HighBit, VR.US, bitsStored - 1);
        ds.putInts(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int s : samples) {
            out.write(s & 0xFF);
            if (bitsAllocated == 16) {
                out.write(s >> 8 & 0xFF);
            }
        }
        ds.putBytes(Tag.PixelData, bitsAllocated == 16 ? VR.OW : VR.OB, out.toByteArray());
        return ds;
    }

    /** Little endian byte stream builder for hand-made data sets. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes tag(int tag) {
            return u16(tag >>> 16).u16(tag & 0xFFFF);
        }

        Bytes u16(int v) {
            out.write(v & 0xFF);
            out.write(v >> 8 & 0xFF);
            return this;
        }

        Bytes u32(long v) {
            return u16((int) (v & 0xFFFF)).u16((int) (v >>> 16 & 0xFFFF));
        }

        Bytes ascii(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            out.write(b, 0, b.length);
            return this;
        }

        Bytes raw(byte... b) {
            out.write(b, 0, b.length);
            return this;
        }

        /** An explicit VR short-form element. */
        Bytes explicit(int tag, String vr, byte[] value) {
            tag(tag).ascii(vr);
            if (VR.valueOf(vr).longLength()) {
                u16(0).u32(value.length);
            } else {
                u16(value.length);
            }
            return raw(value);
        }

        /** An implicit VR element. */
        Bytes implicit(int tag, byte[] value) {
            return tag(tag).u32(value.length).raw(value);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        int size() {
            return out.size();
        }
    }

    /** Encodes one RLE segment with literal runs only (valid PS3.5 G.3.1 output). */
    static byte[] rleLiteral(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i += 128) {
            int n = Math.min(128, data.length - i);
            out.write(n - 1);
            out.write(data, i, n);
        }
        return out.toByteArray();
    }

    /** Builds an RLE frame from its segments (header of 16 little endian longs, then the segments). */
    static byte[] rleFrame(List<byte[]> segments) {
        Bytes b = new Bytes().u32(segments.size());
        long offset = 64;
        for (int i = 0; i < 15; i++) {
            if (i < segments.size()) {
                b.u32(offset);
                offset += segments.get(i).length;
            } else {
                b.u32(0);
            }
        }
        segments.forEach(b::raw);
        return b.toBytes();
    }
}
