package org.stylexaudit.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * Holds a data set (or a sequence item): elements in tag order, values kept little endian in memory, text decoded
 * with the Specific Character Set in effect (an item inherits its parent's). A data set read from a file also
 * carries its file meta information, transfer syntax and the reader's warnings.
 *
 * <pre>{@code
 * DicomObject ds = new DicomReader(ReadLimits.DEFAULT).read(path);
 * String id = ds.string(Tag.PatientID);
 * int rows = ds.intValue(Tag.Rows, 0);
 * }</pre>
 *
 * <p>Not thread-safe; a reader makes a new one per file.
 */
public final class DicomObject {

    private final TreeMap<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);
    private final List<String> warnings = new ArrayList<>();
    private DicomObject parent;
    private DicomObject fileMeta;
    private String transferSyntax;
    private Charset ownCharset;

    /** Creates an empty data set. */
    public DicomObject() {
    }

    // ---- reading values ----

    /** Tells whether the element is present (even with an empty value). */
    public boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    /** Returns the element, or null when absent. */
    public DicomElement element(int tag) {
        return elements.get(tag);
    }

    /** Returns all elements in tag order (unmodifiable view). */
    public Collection<DicomElement> elements() {
        return Collections.unmodifiableCollection(elements.values());
    }

    /** Returns the number of elements at this level. */
    public int size() {
        return elements.size();
    }

    /**
     * Returns the value as text with padding trimmed (all values, backslash-separated), numbers of binary VRs
     * joined by backslashes, or null when the element is absent or a sequence.
     */
    public String string(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null) {
            return null;
        }
        return text(e);
    }

    /** Returns the string value, or {@code def} when absent or empty. */
    public String string(int tag, String def) {
        String s = string(tag);
        return s == null || s.isEmpty() ? def : s;
    }

    /** Returns the values of a multi-valued element, each trimmed; an empty array when absent. */
    public String[] strings(int tag) {
        String s = string(tag);
        if (s == null || s.isEmpty()) {
            return new String[0];
        }
        VR vr = elements.get(tag).vr();
        if (vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.UR) {
            return new String[] {s}; // these VRs allow backslashes in the value (PS3.5 6.2)
        }
        String[] parts = s.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    /** Returns the first value as an int (binary or IS/DS text), or {@code def} when absent or unparsable. */
    public int intValue(int tag, int def) {
        long[] v = longs(tag);
        return v.length == 0 ? def : (int) v[0];
    }

    /** Returns all values as ints; an empty array when absent. */
    public int[] ints(int tag) {
        long[] v = longs(tag);
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (int) v[i];
        }
        return r;
    }

    /** Returns the first value as a double (binary or DS/IS text), or {@code def} when absent or unparsable. */
    public double doubleValue(int tag, double def) {
        double[] v = doubles(tag);
        return v.length == 0 || Double.isNaN(v[0]) ? def : v[0];
    }

    /** Returns all values as doubles; unparsable text values become NaN; empty when absent. */
    public double[] doubles(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null) {
            return new double[0];
        }
        if (e.vr() == VR.FL || e.vr() == VR.OF) {
            ByteBuffer b = le(e.value());
            double[] r = new double[b.remaining() / 4];
            for (int i = 0; i < r.length; i++) {
                r[i] = b.getFloat();
            }
            return r;
        }
        if (e.vr() == VR.FD || e.vr() == VR.OD) {
            ByteBuffer b = le(e.value());
            double[] r = new double[b.remaining() / 8];
            for (int i = 0; i < r.length; i++) {
                r[i] = b.getDouble();
            }
            return r;
        }
        if (e.vr().isText()) {
            String[] s = strings(tag);
            double[] r = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                try {
                    r[i] = Double.parseDouble(s[i]);
                } catch (NumberFormatException ex) {
                    r[i] = Double.NaN;
                }
            }
            return r;
        }
        long[] l = longs(tag);
        double[] r = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = l[i];
        }
        return r;
    }

    /** Returns the raw value bytes (little endian), or null when absent or a sequence. */
    public byte[] bytes(int tag) {
        DicomElement e = elements.get(tag);
        return e == null ? null : e.value();
    }

    /** Returns the items of a sequence; an empty list when absent or not a sequence. */
    public List<DicomObject> sequence(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || e.items() == null ? List.of() : Collections.unmodifiableList(e.items());
    }

    /** Returns the encapsulated fragments (first is the Basic Offset Table), or null when not encapsulated. */
    public List<byte[]> fragments(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || e.fragments() == null ? null : Collections.unmodifiableList(e.fragments());
    }

    /** Returns the file meta information read with the file, or null for a data set without one. */
    public DicomObject fileMeta() {
        return fileMeta;
    }

    /** Returns the transfer syntax UID the data set was read with (or will be written with), or null. */
    public String transferSyntax() {
        return transferSyntax;
    }

    /** Returns the reader's warnings about this file (missing meta, odd encodings); never printed by the codec. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Returns the parent data set of a sequence item, or null at top level. */
    public DicomObject parent() {
        return parent;
    }

    /** Returns the charset text values are decoded with: this item's Specific Character Set or its parent's. */
    public Charset charset() {
        if (ownCharset != null) {
            return ownCharset;
        }
        return parent == null ? StandardCharsets.ISO_8859_1 : parent.charset();
    }

    // ---- writing values ----

    /** Sets a text element (values joined with backslashes, encoded in this data set's charset). */
    public DicomObject put(int tag, VR vr, String... values) {
        if (!vr.isText()) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": put(String...) needs a text VR, got " + vr);
        }
        String joined = String.join("\\", values);
        Charset cs = vr.charsetText() ? charset() : StandardCharsets.ISO_8859_1;
        if (tag == Tag.SpecificCharacterSet) {
            cs = StandardCharsets.US_ASCII;
        }
        putElement(new DicomElement(tag, vr, joined.getBytes(cs), null, null));
        return this;
    }

    /** Sets a binary integer element (US, SS, UL, SL, AT, OW, OL, SV, UV) from int values. */
    public DicomObject putInts(int tag, VR vr, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Math.max(2, vr.binarySize() == 8 ? 8 : 4))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            switch (vr) {
                case US, SS, OW -> b.putShort((short) v);
                case UL, SL, OL -> b.putInt(v);
                case AT -> b.putShort((short) (v >>> 16)).putShort((short) v);
                case SV, UV -> b.putLong(vr == VR.UV ? Integer.toUnsignedLong(v) : v);
                default -> throw new IllegalArgumentException(Tag.toString(tag) + ": putInts needs a binary "
                        + "integer VR, got " + vr);
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        putElement(new DicomElement(tag, vr, out, null, null));
        return this;
    }

    /** Sets a float element (FL, FD, OF, OD). */
    public DicomObject putDoubles(int tag, VR vr, double... values) {
        int size = vr == VR.FL || vr == VR.OF ? 4 : 8;
        if (vr != VR.FL && vr != VR.FD && vr != VR.OF && vr != VR.OD) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": putDoubles needs FL, FD, OF or OD, got " + vr);
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (size == 4) {
                b.putFloat((float) v);
            } else {
                b.putDouble(v);
            }
        }
        putElement(new DicomElement(tag, vr, b.array(), null, null));
        return this;
    }

    /** Sets an element from raw little endian bytes (OB, OW, UN, ... or any VR already encoded). */
    public DicomObject putBytes(int tag, VR vr, byte[] value) {
        if (vr == VR.SQ) {
            throw new IllegalArgumentException(Tag.toString(tag) + ": use putSequence for SQ");
        }
        putElement(new DicomElement(tag, vr, value.clone(), null, null));
        return this;
    }

    /**
     * Sets a sequence; the items become children of this data set and inherit its character set (text they hold
     * that was encoded under another inherited charset is re-encoded, so build items in any order).
     */
    public DicomObject putSequence(int tag, List<DicomObject> items) {
        List<DicomObject> copy = new ArrayList<>(items);
        for (DicomObject item : copy) {
            Charset before = item.charset();
            item.parent = this;
            item.recode(before);
        }
        putElement(new DicomElement(tag, VR.SQ, null, copy, null));
        return this;
    }

    /** Re-encodes inherited-charset text after this item moved under a parent with another charset. */
    private void recode(Charset before) {
        if (ownCharset != null || before.equals(charset())) {
            return;
        }
        for (DicomElement e : new ArrayList<>(elements.values())) {
            if (e.value() != null && e.vr().charsetText()) {
                String text = new String(e.value(), before);
                elements.put(e.tag(), new DicomElement(e.tag(), e.vr(), text.getBytes(charset()), null, null));
            } else if (e.items() != null) {
                e.items().forEach(item -> item.recode(before));
            }
        }
    }

    /** Sets encapsulated pixel data; the first fragment must be the Basic Offset Table (may be empty). */
    public DicomObject putFragments(int tag, VR vr, List<byte[]> fragments) {
        putElement(new DicomElement(tag, vr, null, null, new ArrayList<>(fragments)));
        return this;
    }

    /** Removes an element; returns whether it was present. */
    public boolean remove(int tag) {
        boolean had = elements.remove(tag) != null;
        if (tag == Tag.SpecificCharacterSet) {
            ownCharset = null;
        }
        return had;
    }

    /** Sets the transfer syntax UID (used by the writer as the requested syntax). */
    public void setTransferSyntax(String uid) {
        this.transferSyntax = uid;
    }

    /** Adds an already built element (used by the reader). */
    void putElement(DicomElement e) {
        elements.put(e.tag(), e);
        if (e.tag() == Tag.SpecificCharacterSet) {
            ownCharset = CharacterSets.forTerms(strings(Tag.SpecificCharacterSet));
        }
        if (e.items() != null) {
            for (DicomObject item : e.items()) {
                item.parent = this;
            }
        }
    }

    void setFileMeta(DicomObject meta) {
        this.fileMeta = meta;
    }

    void addWarning(String warning) {
        warnings.add(warning);
    }

    void setParent(DicomObject parent) {
        this.parent = parent;
    }

    // ---- helpers ----

    private String text(DicomElement e) {
        VR vr = e.vr();
        byte[] v = e.value();
        if (vr.isText()) {
            Charset cs = vr.charsetText() ? charset() : StandardCharsets.ISO_8859_1;
            String s = new String(v, cs);
            // Trailing padding is space (NUL for UI); leading spaces are insignificant except in LT, ST, UT.
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
                end--;
            }
            s = s.substring(0, end);
            return vr == VR.LT || vr == VR.ST || vr == VR.UT ? s : s.strip();
        }
        StringBuilder sb = new StringBuilder();
        if (vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD) {
            for (double d : doubles(e.tag())) {
                sb.append(sb.length() == 0 ? "" : "\\").append(d);
            }
            return sb.toString();
        }
        if (vr == VR.AT) {
            ByteBuffer b = le(v);
            while (b.remaining() >= 4) {
                int g = b.getShort() & 0xFFFF;
                int el = b.getShort() & 0xFFFF;
                sb.append(sb.length() == 0 ? "" : "\\").append(Tag.toString(g << 16 | el));
            }
            return sb.toString();
        }
        for (long l : longs(e.tag())) {
            sb.append(sb.length() == 0 ? "" : "\\").append(l);
        }
        return sb.toString();
    }

    private long[] longs(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.value() == null) {
            return new long[0];
        }
        ByteBuffer b = le(e.value());
        switch (e.vr()) {
            case US, OW -> {
                long[] r = new long[b.remaining() / 2];
                for (int i = 0; i < r.length; i++) {
                    r[i] = b.getShort() & 0xFFFF;
                }
                return r;
            }
            case SS -> {
                long[] r = new long[b.remaining() / 2];
                for (int i = 0; i < r.length; i++) {
                    r[i] = b.getShort();
                }
                return r;
            }
            case UL, OL -> {
                long[] r = new long[b.remaining() / 4];
                for (int i = 0; i < r.length; i++) {
                    r[i] = b.getInt() & 0xFFFFFFFFL;
                }
                return r;
            }
            case SL -> {
                long[] r = new long[b.remaining() / 4];
                for (int i = 0; i < r.length; i++) {
                    r[i] = b.getInt();
                }
                return r;
            }
            case SV, UV, OV -> {
                long[] r = new long[b.remaining() / 8];
                for (int i = 0; i < r.length; i++) {
                    r[i] = b.getLong();
                }
                return r;
            }
            case IS, DS -> {
                String[] s = strings(tag);
                List<Long> r = new ArrayList<>();
                for (String p : s) {
                    try {
                        r.add(e.vr() == VR.IS ? Long.parseLong(p.startsWith("+") ? p.substring(1) : p)
                                : Math.round(Double.parseDouble(p)));
                    } catch (NumberFormatException ex) {
                        return new long[0];
                    }
                }
                return r.stream().mapToLong(Long::longValue).toArray();
            }
            default -> {
                return new long[0];
            }
        }
    }

    private static ByteBuffer le(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "DicomObject[" + elements.size() + " elements" + (transferSyntax == null ? "" : ", " + transferSyntax)
                + "]";
    }
}
