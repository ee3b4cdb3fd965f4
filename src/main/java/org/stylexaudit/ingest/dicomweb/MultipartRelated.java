package org.stylexaudit.ingest.dicomweb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Parses and builds multipart/related bodies (RFC 2387) as used by WADO-RS and STOW-RS. */
public final class MultipartRelated {

    private MultipartRelated() {
    }

    /** Extracts the boundary parameter from a Content-Type header value. */
    public static String boundary(String contentType) throws DicomWebException {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            throw new DicomWebException("expected multipart/related response but got " + contentType);
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).strip();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                if (!b.isEmpty()) {
                    return b;
                }
            }
        }
        throw new DicomWebException("multipart/related response without boundary");
    }

    /**
     * Splits a multipart body into part payloads (headers dropped).
     *
     * @throws DicomWebException if a delimiter or the closing delimiter is missing
     */
    public static List<byte[]> parts(byte[] body, String boundary) throws DicomWebException {
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        int pos = indexOf(body, delim, 0);
        if (pos < 0) {
            throw new DicomWebException("multipart body has no boundary delimiter");
        }
        while (true) {
            int after = pos + delim.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                return out;
            }
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, after);
            if (headersEnd < 0) {
                throw new DicomWebException("multipart part without header terminator");
            }
            int start = headersEnd + 4;
            // The delimiter belongs to the CRLF before it (RFC 2046), so payloads may contain bare "--boundary".
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int end = indexOf(body, next, start);
            if (end < 0) {
                throw new DicomWebException("multipart body truncated (no closing delimiter)");
            }
            out.add(Arrays.copyOfRange(body, start, end));
            pos = end + 2;
        }
    }

    /** Builds a multipart/related body of one part per payload, all with the given content type. */
    public static byte[] build(List<byte[]> payloads, String partType, String boundary) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : payloads) {
            out.writeBytes(("--" + boundary + "\r\nContent-Type: " + partType + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(p);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
