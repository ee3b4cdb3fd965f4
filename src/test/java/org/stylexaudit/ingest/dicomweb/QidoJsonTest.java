package org.stylexaudit.ingest.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QidoJsonTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void studies_cannedOrthancResponse() throws Exception {
        String json = """
                [ { "00080020": {"vr":"DA","Value":["20260101"]},
                    "00080050": {"vr":"SH"},
                    "00100020": {"vr":"LO","Value":["P-7"]},
                    "0020000D": {"vr":"UI","Value":["1.2.3.4"]} },
                  { "00080020": {"vr":"DA","Value":["20260102"]} },
                  { "0020000D": {"vr":"UI","Value":["1.2.3.5"]},
                    "00100010": {"vr":"PN","Value":[{"Alphabetic":"Doe^J"}]} } ]""";
        List<StudyRef> studies = new QidoJson().studies(utf8(json));
        assertEquals(List.of(new StudyRef("1.2.3.4", "20260101", "P-7", ""), new StudyRef("1.2.3.5", "", "", "")),
                studies);
    }

    @Test
    void instances_fillsStudyUidWhenOmitted() throws Exception {
        String json = """
                [ { "0020000E": {"vr":"UI","Value":["1.9"]}, "00080018": {"vr":"UI","Value":["1.9.1"]},
                    "00080016": {"vr":"UI","Value":["1.2.840.10008.5.1.4.1.1.77.1.5.1"]} },
                  { "00080018": {"vr":"UI","Value":["1.9.2"]} } ]""";
        List<InstanceRef> refs = new QidoJson().instances(utf8(json), "1.2.3");
        assertEquals(List.of(new InstanceRef("1.2.3", "1.9", "1.9.1", "1.2.840.10008.5.1.4.1.1.77.1.5.1")), refs);
    }

    @Test
    void studies_emptyBodyMeansNoMatches() throws Exception {
        assertTrue(new QidoJson().studies(new byte[0]).isEmpty());
    }

    @Test
    void studies_notAnArray() {
        var e = assertThrows(DicomWebException.class, () -> new QidoJson().studies(utf8("{\"a\":1}")));
        assertTrue(e.getMessage().contains("not a JSON array"));
        assertThrows(DicomWebException.class, () -> new QidoJson().studies(utf8("[{")));
    }
}
