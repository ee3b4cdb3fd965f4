package org.stylexaudit.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Parses DICOM Part 10 files (and bare data sets without file meta) into {@link DicomObject}s, within
 * {@link ReadLimits}.
 *
 * <pre>{@code
 * DicomObject ds = new DicomReader(ReadLimits.DEFAULT).read(Path.of("image.dcm"));
 * }</pre>
 */
public final class DicomReader {

    private static final int UNDEFINED = -1;
    private static final byte[] DICM = "DICM".getBytes(StandardCharsets.US_ASCII);

    private final ReadLimits limits;

    /** Creates a reader that enforces the given limits. */
    public DicomReader(ReadLimits limits) {
        this.limits = limits;
    }

    /** Reads a whole file. */
    public DicomObject read(Path file) throws DicomException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DicomException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (size > limits.maxFileBytes()) {
            throw new LimitExceededException("file is " + size + " bytes, more than the limit of "
                    + limits.maxFileBytes());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DicomException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return read(bytes);
    }

    /** Parses a file already in memory. */
    public DicomObject read(byte[] bytes) throws DicomException {
        return new Parse(bytes).run();
    }

    /**
     * Tells whether a file looks like DICOM: "DICM" after a 128-byte preamble, or a plausible first element of a
     * little endian data set (group 0002 or 0008 with a small element number).
     */
    public static boolean looksLikeDicom(Path file) {
        byte[] head = new byte[136];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return false;
        }
        if (n >= 132 && Arrays.equals(head, 128, 132, DICM, 0, 4)) {
            return true;
        }
        if (n < 8) {
            return false;
        }
        int group = (head[0] & 0xFF) | (head[1] & 0xFF) << 8;
        int element = (head[2] & 0xFF) | (head[3] & 0xFF) << 8;
        int bigGroup = (head[0] & 0xFF) << 8 | (head[1] & 0xFF);
        boolean plausibleGroup = group == 0x0002 || group == 0x0008 || bigGroup == 0x0008;
        return plausibleGroup && element < 0x0100;
    }

    /** Encoding of the data being parsed. */
    private record Mode(boolean explicit, boolean bigEndian) {
        static final Mode EXPLICIT_LE = new Mode(true, false);
        static final Mode IMPLICIT_LE = new Mode(false, false);
    }

    /** State of one parse: the bytes, a cursor, counters. */
    private final class Parse {
        private byte[] b;
        private int pos;
        private int elementCount;

        Parse(byte[] bytes) {
            this.b = bytes;
        }

        DicomObject run() throws DicomException {
            DicomObject ds = new DicomObject();
            DicomObject meta = readFileMeta(ds);
            Mode mode = chooseMode(ds, meta);
            TransferSyntax ts = TransferSyntax.of(ds.transferSyntax());
            if (ts != null && ts.deflated()) {
                b = inflate(b, pos);
                pos = 0;
            }
            readDataset(ds, b.length, false, mode, 0);
            return ds;
        }

        // ---- file meta ----

        private DicomObject readFileMeta(DicomObject ds) throws DicomException {
            if (b.length >= 132 && Arrays.equals(b, 128, 132, DICM, 0, 4)) {
                pos = 132;
            } else if (b.length >= 4 && Arrays.equals(b, 0, 4, DICM, 0, 4)) {
                pos = 4;
                ds.addWarning("no 128-byte preamble before DICM");
            } else if (b.length >= 8 && u16le(0) == 0x0002 && VR.of(b[4], b[5]) != null) {
                ds.addWarning("no preamble; file meta information starts at byte 0");
            } else {
                return null;
            }
            DicomObject meta = new DicomObject();
            // PS3.10 7.1: the file meta group is always explicit VR little endian.
            int end = b.length;
            if (pos + 12 <= b.length && u16le(pos) == 0x0002 && u16le(pos + 2) == 0x0000
                    && VR.of(b[pos + 4], b[pos + 5]) == VR.UL) {
                long groupLength = u32le(pos + 8);
                if (pos + 12 + groupLength <= b.length) {
                    end = (int) (pos + 12 + groupLength);
                }
            }
            while (pos + 8 <= end && u16le(pos) == 0x0002) {
                DicomElement e = readElement(meta, Mode.EXPLICIT_LE, 0);
                if (e != null) {
                    meta.putElement(e);
                }
            }
            ds.setFileMeta(meta);
            return meta;
        }

        private Mode chooseMode(DicomObject ds, DicomObject meta) throws DicomException {
            String tsUid = meta == null ? null : meta.string(Tag.TransferSyntaxUID);
            if (tsUid != null && !tsUid.isEmpty()) {
                ds.setTransferSyntax(tsUid);
                TransferSyntax ts = TransferSyntax.of(tsUid);
                if (ts == null) {
                    // PS3.5 A.4: every syntax not defined otherwise is explicit VR little endian.
                    ds.addWarning("unknown transfer syntax " + tsUid + "; read as explicit VR little endian");
                    return Mode.EXPLICIT_LE;
                }
                return new Mode(ts.explicitVr(), ts.bigEndian());
            }
            Mode guessed = guessMode();
            TransferSyntax ts = guessed.bigEndian() ? TransferSyntax.EXPLICIT_VR_BE
                    : guessed.explicit() ? TransferSyntax.EXPLICIT_VR_LE : TransferSyntax.IMPLICIT_VR_LE;
            ds.setTransferSyntax(ts.uid());
            ds.addWarning((meta == null ? "no file meta information" : "file meta has no transfer syntax")
                    + "; read as " + ts.displayName());
            return guessed;
        }

        /** Guesses the encoding of a bare data set from its first element. */
        private Mode guessMode() {
            if (pos + 8 > b.length) {
                return Mode.IMPLICIT_LE;
            }
            VR vr = VR.of(b[pos + 4], b[pos + 5]);
            boolean bigEndianGroup = u16le(pos) > 0x00FF && (b[pos + 1] & 0xFF) < 0x10 && (b[pos] & 0xFF) == 0;
            if (vr != null && bigEndianGroup) {
                return new Mode(true, true);
            }
            return vr != null ? Mode.EXPLICIT_LE : Mode.IMPLICIT_LE;
        }

        // ---- data sets and elements ----

        /** Reads elements into {@code ds} until {@code end} or, for an undefined-length item, the delimiter. */
        private void readDataset(DicomObject ds, int end, boolean untilDelimiter, Mode mode, int depth)
                throws DicomException {
            while (pos < end) {
                if (end - pos < 8) {
                    top(ds).addWarning((end - pos) + " trailing bytes ignored at offset " + pos);
                    pos = end;
                    return;
                }
                int tag = tag(pos, mode.bigEndian());
                if (tag == Tag.ItemDelimitationItem) {
                    pos += 8;
                    if (untilDelimiter) {
                        return;
                    }
                    top(ds).addWarning("stray item delimiter at offset " + (pos - 8));
                    continue;
                }
                if (tag == Tag.SequenceDelimitationItem && !untilDelimiter) {
                    top(ds).addWarning("stray sequence delimiter at offset " + pos);
                    pos += 8;
                    continue;
                }
                DicomElement e = readElement(ds, mode, depth);
                if (e != null) {
                    ds.putElement(e);
                }
            }
            if (untilDelimiter) {
                throw new LimitExceededException("item of undefined length has no delimiter before offset " + end
                        + " (truncated file?)");
            }
        }

        private DicomElement readElement(DicomObject ds, Mode mode, int depth) throws DicomException {
            int start = pos;
            int tag = tag(pos, mode.bigEndian());
            pos += 4;
            VR vr;
            long length;
            if (mode.explicit()) {
                vr = VR.of(b[pos], b[pos + 1]);
                if (vr == null) {
                    // Like dcmtk: an unknown VR code is taken to have a 2-byte length field.
                    top(ds).addWarning("invalid VR bytes at " + Tag.toString(tag) + " offset " + start
                            + "; read as " + Dictionary.vr(tag));
                    vr = Dictionary.vr(tag);
                    length = u16(pos + 2, mode.bigEndian());
                    pos += 4;
                } else if (vr.longLength()) {
                    need(8, tag, start);
                    length = u32(pos + 4, mode.bigEndian());
                    pos += 8;
                } else {
                    length = u16(pos + 2, mode.bigEndian());
                    pos += 4;
                }
            } else {
                need(4, tag, start);
                vr = tag == Tag.PixelData ? VR.OW : Dictionary.vr(tag);
                length = u32(pos, false);
                pos += 4;
            }
            if (++elementCount > limits.maxElements()) {
                throw new LimitExceededException("more than " + limits.maxElements() + " data elements");
            }
            if (length == 0xFFFFFFFFL) {
                return readUndefined(ds, tag, vr, mode, depth, start);
            }
            if (length > limits.maxElementLength()) {
                throw new LimitExceededException("element " + Tag.toString(tag) + " length " + length
                        + " exceeds the limit of " + limits.maxElementLength());
            }
            if (length > b.length - pos) {
                throw new LimitExceededException("element " + Tag.toString(tag) + " at offset " + start
                        + " has length " + length + " but only " + (b.length - pos) + " bytes remain (truncated?)");
            }
            int len = (int) length;
            if (vr == VR.UN && !mode.explicit() && looksLikeItem(len)) {
                // Implicit VR hides the VR of tags missing from our dictionary; an item tag gives a sequence away.
                // If it does not parse as one after all (or breaks a limit), keep the bytes: they stay bounded.
                int saved = pos;
                int savedCount = elementCount;
                try {
                    return new DicomElement(tag, VR.SQ, null, readItems(ds, pos + len, false, mode, depth + 1, tag),
                            null);
                } catch (DicomException e) {
                    pos = saved;
                    elementCount = savedCount;
                }
            }
            if (vr == VR.SQ) {
                List<DicomObject> items = readItems(ds, pos + len, false, mode, depth + 1, tag);
                return new DicomElement(tag, VR.SQ, null, items, null);
            }
            byte[] value = Arrays.copyOfRange(b, pos, pos + len);
            pos += len;
            if (mode.bigEndian()) {
                swap(value, vr.binarySize());
            }
            return new DicomElement(tag, vr, value, null, null);
        }

        private DicomElement readUndefined(DicomObject ds, int tag, VR vr, Mode mode, int depth, int start)
                throws DicomException {
            if (tag == Tag.PixelData) {
                return new DicomElement(tag, vr == VR.OW && mode.explicit() ? VR.OW : VR.OB, null, null,
                        readFragments(tag));
            }
            if (vr == VR.SQ || vr == VR.UN || !mode.explicit()) {
                // PS3.5 6.2.2: UN with undefined length is a sequence encoded in implicit VR little endian.
                Mode inner = vr == VR.UN && mode.explicit() ? Mode.IMPLICIT_LE : mode;
                List<DicomObject> items = readItems(ds, b.length, true, inner, depth + 1, tag);
                return new DicomElement(tag, VR.SQ, null, items, null);
            }
            throw new DicomException("element " + Tag.toString(tag) + " (" + vr + ") at offset " + start
                    + " has undefined length, which only SQ, UN and pixel data may have");
        }

        private List<DicomObject> readItems(DicomObject parent, int end, boolean untilDelimiter, Mode mode,
                int depth, int seqTag) throws DicomException {
            if (depth > limits.maxSequenceDepth()) {
                throw new LimitExceededException("sequences nested deeper than " + limits.maxSequenceDepth()
                        + " at " + Tag.toString(seqTag));
            }
            List<DicomObject> items = new ArrayList<>();
            while (pos < end) {
                need(8, seqTag, pos);
                int tag = tag(pos, mode.bigEndian());
                long length = u32(pos + 4, mode.bigEndian());
                pos += 8;
                if (tag == Tag.SequenceDelimitationItem) {
                    if (untilDelimiter) {
                        return items;
                    }
                    continue;
                }
                if (tag != Tag.Item) {
                    throw new DicomException("expected an item in sequence " + Tag.toString(seqTag) + " at offset "
                            + (pos - 8) + ", found " + Tag.toString(tag));
                }
                DicomObject item = new DicomObject();
                item.setParent(parent);
                if (length == 0xFFFFFFFFL) {
                    readDataset(item, end, true, mode, depth);
                } else {
                    if (length > end - pos) {
                        throw new LimitExceededException("item in " + Tag.toString(seqTag) + " at offset " + (pos - 8)
                                + " has length " + length + " but only " + (end - pos) + " bytes remain");
                    }
                    readDataset(item, pos + (int) length, false, mode, depth);
                }
                items.add(item);
            }
            if (untilDelimiter) {
                throw new LimitExceededException("sequence " + Tag.toString(seqTag)
                        + " of undefined length has no delimiter (truncated file?)");
            }
            return items;
        }

        private List<byte[]> readFragments(int pixelTag) throws DicomException {
            List<byte[]> fragments = new ArrayList<>();
            // PS3.5 A.4: fragments are always little endian items, ended by a sequence delimiter.
            while (true) {
                if (b.length - pos < 8) {
                    throw new LimitExceededException("encapsulated pixel data has no sequence delimiter "
                            + "(truncated file?)");
                }
                int tag = tag(pos, false);
                long length = u32le(pos + 4);
                pos += 8;
                if (tag == Tag.SequenceDelimitationItem) {
                    if (fragments.isEmpty()) {
                        throw new DicomException("encapsulated pixel data has no Basic Offset Table item");
                    }
                    return fragments;
                }
                if (tag != Tag.Item) {
                    throw new DicomException("expected a fragment item in " + Tag.toString(pixelTag) + " at offset "
                            + (pos - 8) + ", found " + Tag.toString(tag));
                }
                if (length > b.length - pos) {
                    throw new LimitExceededException("pixel data fragment at offset " + (pos - 8) + " has length "
                            + length + " but only " + (b.length - pos) + " bytes remain (truncated?)");
                }
                if (++elementCount > limits.maxElements()) {
                    throw new LimitExceededException("more than " + limits.maxElements() + " data elements");
                }
                fragments.add(Arrays.copyOfRange(b, pos, pos + (int) length));
                pos += (int) length;
            }
        }

        private byte[] inflate(byte[] in, int offset) throws DicomException {
            Inflater inflater = new Inflater(true); // PS3.5 A.5: raw deflate (RFC 1951), no zlib header
            try {
                inflater.setInput(in, offset, in.length - offset);
                byte[] out = new byte[Math.max(1024, Math.min((in.length - offset) * 4, 1 << 20))];
                int n = 0;
                // A deflate bomb inflates about 1000:1; the ratio bound refuses it long before the heap is at risk.
                long max = limits.maxInflatedBytes(in.length - offset);
                while (!inflater.finished()) {
                    if (n == out.length) {
                        if (out.length >= max) {
                            throw new LimitExceededException("deflated data set inflates past " + max + " bytes ("
                                    + (max < limits.maxFileBytes() ? limits.maxInflateRatio() + " times its "
                                    + "compressed size" : "the file size limit") + ")");
                        }
                        out = Arrays.copyOf(out, (int) Math.min(max, out.length * 2L));
                    }
                    int got = inflater.inflate(out, n, out.length - n);
                    if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break; // truncated stream: parse what arrived, the parser reports what is missing
                    }
                    n += got;
                }
                return Arrays.copyOf(out, n);
            } catch (DataFormatException e) {
                throw new DicomException("deflated data set is corrupt: " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
        }

        // ---- primitives ----

        private boolean looksLikeItem(int len) {
            return len >= 8 && tag(pos, false) == Tag.Item
                    && (u32le(pos + 4) == 0xFFFFFFFFL || u32le(pos + 4) <= len - 8);
        }

        private void need(int n, int tag, int start) throws LimitExceededException {
            if (b.length - pos < n) {
                throw new LimitExceededException("file ends inside element " + Tag.toString(tag) + " at offset "
                        + start);
            }
        }

        private int tag(int at, boolean bigEndian) {
            return u16(at, bigEndian) << 16 | u16(at + 2, bigEndian);
        }

        private int u16le(int at) {
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        }

        private long u32le(int at) {
            return (u16le(at) | (long) u16le(at + 2) << 16) & 0xFFFFFFFFL;
        }

        private int u16(int at, boolean bigEndian) {
            return bigEndian ? (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF) : u16le(at);
        }

        private long u32(int at, boolean bigEndian) {
            return bigEndian ? ((long) u16(at, true) << 16 | u16(at + 2, true)) : u32le(at);
        }

        private DicomObject top(DicomObject ds) {
            DicomObject t = ds;
            while (t.parent() != null) {
                t = t.parent();
            }
            return t;
        }
    }

    /**
     * Reverses the bytes of each {@code unit}-byte value in place. OW is swapped per 16-bit word, which is exactly
     * what restores 8-bit pixel data stored as OW in big endian (PS3.5 A.3); OB (unit 1) is left alone.
     */
    static void swap(byte[] v, int unit) {
        if (unit <= 1) {
            return;
        }
        for (int i = 0; i + unit <= v.length; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = v[lo];
                v[lo] = v[hi];
                v[hi] = t;
            }
        }
    }
}
