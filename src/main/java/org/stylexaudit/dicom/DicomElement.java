package org.stylexaudit.dicom;

import java.util.List;

/**
 * Holds one data element: its tag and VR and exactly one of a value (bytes, always little endian in memory),
 * sequence items, or encapsulated pixel data fragments (the first fragment is the Basic Offset Table).
 *
 * @param tag the tag, {@code group << 16 | element}
 * @param vr the value representation
 * @param value the value bytes in little endian order, or null for SQ and encapsulated elements
 * @param items the items of a sequence, or null
 * @param fragments the fragments of encapsulated pixel data, or null
 */
public record DicomElement(int tag, VR vr, byte[] value, List<DicomObject> items, List<byte[]> fragments) {

    /** Checks that exactly one kind of content is present. */
    public DicomElement {
        int kinds = (value != null ? 1 : 0) + (items != null ? 1 : 0) + (fragments != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException("element " + Tag.toString(tag)
                    + " needs exactly one of value, items or fragments, got " + kinds);
        }
    }

    /** Tells whether this is a sequence. */
    public boolean isSequence() {
        return items != null;
    }

    /** Tells whether this is encapsulated (compressed) pixel data. */
    public boolean isEncapsulated() {
        return fragments != null;
    }

    /** Returns the value length in bytes (0 for sequences and encapsulated data). */
    public int length() {
        return value == null ? 0 : value.length;
    }
}
