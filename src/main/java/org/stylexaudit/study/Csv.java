package org.stylexaudit.study;

import java.util.ArrayList;
import java.util.List;

/** Minimal RFC 4180 CSV: quotes fields that need it, reads quoted fields with embedded commas, quotes and newlines. */
final class Csv {

    private Csv() {
    }

    static String row(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.append("\r\n").toString();
    }

    /** A CSV text past a row or field bound; the message says which. */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message);
        }
    }

    /** Parses text into records without bounds; for files this tool wrote itself. */
    static List<List<String>> parse(String text) {
        try {
            return parse(text, Integer.MAX_VALUE, Integer.MAX_VALUE);
        } catch (TooLargeException e) {
            throw new IllegalStateException("unbounded parse cannot exceed a bound", e);
        }
    }

    /**
     * Parses text into records; lines starting with '#' outside quotes are comments. Stops with
     * {@link TooLargeException} at record {@code maxRows + 1} or at a field longer than {@code maxFieldChars}, so an
     * unterminated quote or a huge file cannot grow the result without bound.
     */
    static List<List<String>> parse(String text, int maxRows, int maxFieldChars) throws TooLargeException {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean atLineStart = true;
        int i = 0;
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text; // spreadsheet programs add a BOM
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (atLineStart && !quoted && ch == '#') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
                i++;
                continue;
            }
            atLineStart = false;
            if (f.length() >= maxFieldChars) {
                throw new TooLargeException("a field is longer than " + maxFieldChars + " characters");
            }
            if (quoted) {
                if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    f.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(f.toString());
                f.setLength(0);
                if (!(row.size() == 1 && row.get(0).isEmpty())) {
                    if (rows.size() >= maxRows) {
                        throw new TooLargeException("more than " + maxRows + " rows");
                    }
                    rows.add(row);
                }
                row = new ArrayList<>();
                atLineStart = true;
            } else {
                f.append(ch);
            }
            i++;
        }
        if (f.length() > 0 || !row.isEmpty()) {
            if (rows.size() >= maxRows) {
                throw new TooLargeException("more than " + maxRows + " rows");
            }
            row.add(f.toString());
            rows.add(row);
        }
        return rows;
    }
}
