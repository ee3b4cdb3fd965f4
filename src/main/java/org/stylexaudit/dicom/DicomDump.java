package org.stylexaudit.dicom;

import java.util.List;

/**
 * Formats a data set as a readable listing in the manner of dcmdump: one line per element with tag, VR, value
 * length, value (text in brackets, numbers, or leading bytes in hex) and keyword; sequence items indented.
 */
public final class DicomDump {

    private static final int MAX_BINARY_VALUES = 16;

    private final int maxWidth;

    /** Creates a formatter that cuts value text longer than {@code maxWidth} characters. */
    public DicomDump(int maxWidth) {
        if (maxWidth < 8) {
            throw new IllegalArgumentException("maxWidth must be at least 8, got " + maxWidth);
        }
        this.maxWidth = maxWidth;
    }

    /** Returns the listing: reader warnings, file meta, then the data set. */
    public String format(DicomObject ds) {
        StringBuilder sb = new StringBuilder();
        for (String w : ds.warnings()) {
            sb.append("# warning: ").append(w).append('\n');
        }
        if (ds.fileMeta() != null) {
            sb.append("# File meta information\n");
            dataset(sb, ds.fileMeta(), 0);
        }
        sb.append("# Data set");
        if (ds.transferSyntax() != null) {
            sb.append(", ").append(TransferSyntax.describe(ds.transferSyntax()));
        }
        sb.append('\n');
        dataset(sb, ds, 0);
        return sb.toString();
    }

    private void dataset(StringBuilder sb, DicomObject ds, int depth) {
        for (DicomElement e : ds.elements()) {
            String indent = "  ".repeat(depth);
            sb.append(indent).append(Tag.toString(e.tag())).append(' ').append(e.vr()).append(' ');
            if (e.isSequence()) {
                List<DicomObject> items = e.items();
                sb.append(String.format("%-8s", "-")).append("(sequence, ").append(items.size())
                        .append(items.size() == 1 ? " item)" : " items)");
                keyword(sb, e.tag());
                for (int i = 0; i < items.size(); i++) {
                    sb.append(indent).append("  (FFFE,E000) item ").append(i + 1).append(", ")
                            .append(items.get(i).size()).append(" elements\n");
                    dataset(sb, items.get(i), depth + 2);
                }
            } else if (e.isEncapsulated()) {
                List<byte[]> f = e.fragments();
                sb.append(String.format("%-8s", "-")).append("(encapsulated, offset table of ")
                        .append(f.get(0).length).append(" bytes, ").append(f.size() - 1).append(" fragments)");
                keyword(sb, e.tag());
                for (int i = 1; i < f.size(); i++) {
                    sb.append(indent).append("  (FFFE,E000) fragment ").append(i).append(", ").append(f.get(i).length)
                            .append(" bytes\n");
                }
            } else {
                sb.append(String.format("%-8d", e.length())).append(value(ds, e));
                keyword(sb, e.tag());
            }
        }
    }

    private String value(DicomObject ds, DicomElement e) {
        VR vr = e.vr();
        if (vr == VR.OB || vr == VR.UN || (vr == VR.OW && e.tag() == Tag.PixelData)) {
            return hex(e.value());
        }
        if (vr.isText()) {
            return "[" + cut(ds.string(e.tag()).replace("\r", "\\r").replace("\n", "\\n")) + "]";
        }
        String s = ds.string(e.tag());
        String[] parts = s.split("\\\\");
        if (parts.length > MAX_BINARY_VALUES) {
            return String.join("\\", java.util.Arrays.copyOf(parts, MAX_BINARY_VALUES)) + "\\... (" + parts.length
                    + " values)";
        }
        return cut(s);
    }

    private String hex(byte[] v) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(v.length, MAX_BINARY_VALUES);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "\\").append(String.format("%02x", v[i] & 0xFF));
        }
        if (v.length > n) {
            sb.append("\\...");
        }
        return sb.toString();
    }

    private String cut(String s) {
        return s.length() <= maxWidth ? s : s.substring(0, maxWidth - 3) + "...";
    }

    private static void keyword(StringBuilder sb, int tag) {
        String k = Tag.keyword(tag);
        sb.append(k.isEmpty() ? "" : "  # " + k).append('\n');
    }
}
