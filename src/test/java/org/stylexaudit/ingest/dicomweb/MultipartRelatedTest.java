package org.stylexaudit.ingest.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartRelatedTest {

    @Test
    void boundary_quotedParameter() throws Exception {
        assertEquals("abc 1", MultipartRelated.boundary(
                "multipart/related; type=\"application/dicom\"; boundary=\"abc 1\""));
        assertEquals("xyz", MultipartRelated.boundary("Multipart/Related;boundary=xyz;type=application/dicom"));
    }

    @Test
    void boundary_notMultipart() {
        assertThrows(DicomWebException.class, () -> MultipartRelated.boundary("application/json"));
    }

    @Test
    void parts_orthancStyleResponse() throws Exception {
        byte[] a = {0, 1, 2, 'x', '-', '-', 'b', 7};
        byte[] b = "DICM second".getBytes(StandardCharsets.ISO_8859_1);
        String canned = "--b\r\nContent-Type: application/dicom\r\nContent-Length: 8\r\n\r\n";
        byte[] body = concat(canned.getBytes(StandardCharsets.ISO_8859_1), a,
                "\r\n--b\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), b,
                "\r\n--b--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        List<byte[]> parts = MultipartRelated.parts(body, "b");
        assertEquals(2, parts.size());
        assertArrayEquals(a, parts.get(0));
        assertArrayEquals(b, parts.get(1));
    }

    @Test
    void parts_roundTripOfBuild() throws Exception {
        List<byte[]> payloads = List.of(new byte[] {9, 8, 7}, new byte[0], "x".getBytes(StandardCharsets.UTF_8));
        byte[] body = MultipartRelated.build(payloads, "application/dicom", "bnd-42");
        List<byte[]> back = MultipartRelated.parts(body, "bnd-42");
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(payloads.get(i), back.get(i));
        }
    }

    @Test
    void parts_truncatedBody() {
        byte[] body = "--b\r\nContent-Type: application/dicom\r\n\r\nDICM half".getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(DicomWebException.class, () -> MultipartRelated.parts(body, "b"));
    }

    private static byte[] concat(byte[]... arrays) {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] x : arrays) {
            out.writeBytes(x);
        }
        return out.toByteArray();
    }
}
