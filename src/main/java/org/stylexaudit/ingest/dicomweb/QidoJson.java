package org.stylexaudit.ingest.dicomweb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads QIDO-RS responses in the DICOM JSON model (PS3.18 F.2). */
public final class QidoJson {

    static final String STUDY_DATE = "00080020";
    static final String ACCESSION = "00080050";
    static final String PATIENT_ID = "00100020";
    static final String STUDY_UID = "0020000D";
    static final String SERIES_UID = "0020000E";
    static final String SOP_CLASS = "00080016";
    static final String SOP_INSTANCE = "00080018";
    static final String STUDY_INSTANCES = "00201208";

    private final ObjectMapper mapper = new ObjectMapper();

    /** Parses a study-level response; entries without a Study Instance UID are skipped. */
    public List<StudyRef> studies(byte[] json) throws DicomWebException {
        List<StudyRef> out = new ArrayList<>();
        for (JsonNode n : array(json)) {
            String uid = first(n, STUDY_UID);
            if (!uid.isEmpty()) {
                out.add(new StudyRef(uid, first(n, STUDY_DATE), first(n, PATIENT_ID), first(n, ACCESSION)));
            }
        }
        return out;
    }

    /** Parses a study-level response with Number of Study Related Instances (0 when the archive omits it). */
    public List<StudyCount> studyCounts(byte[] json) throws DicomWebException {
        List<StudyCount> out = new ArrayList<>();
        for (JsonNode n : array(json)) {
            String uid = first(n, STUDY_UID);
            if (!uid.isEmpty()) {
                int count;
                try {
                    count = Integer.parseInt(first(n, STUDY_INSTANCES).strip());
                } catch (NumberFormatException e) {
                    count = 0;
                }
                out.add(new StudyCount(new StudyRef(uid, first(n, STUDY_DATE), first(n, PATIENT_ID),
                        first(n, ACCESSION)), count));
            }
        }
        return out;
    }

    /** Parses an instance-level response; the study UID fills in when the archive omits it. */
    public List<InstanceRef> instances(byte[] json, String studyUid) throws DicomWebException {
        List<InstanceRef> out = new ArrayList<>();
        for (JsonNode n : array(json)) {
            String sop = first(n, SOP_INSTANCE);
            String series = first(n, SERIES_UID);
            if (sop.isEmpty() || series.isEmpty()) {
                continue;
            }
            String study = first(n, STUDY_UID);
            out.add(new InstanceRef(study.isEmpty() ? studyUid : study, series, sop, first(n, SOP_CLASS)));
        }
        return out;
    }

    private JsonNode array(byte[] json) throws DicomWebException {
        if (json.length == 0) {
            return mapper.createArrayNode(); // 204 No Content: no matches
        }
        try {
            JsonNode root = mapper.readTree(json);
            if (root == null || !root.isArray()) {
                throw new DicomWebException("QIDO-RS response is not a JSON array");
            }
            return root;
        } catch (IOException e) {
            throw new DicomWebException("QIDO-RS response is not valid JSON: " + e.getClass().getSimpleName());
        }
    }

    /** Returns the first value of a tag as text ("" when absent); PN values use their Alphabetic form. */
    static String first(JsonNode dataset, String tag) {
        JsonNode values = dataset.path(tag).path("Value");
        if (!values.isArray() || values.isEmpty()) {
            return "";
        }
        JsonNode v = values.get(0);
        if (v.isObject()) {
            return v.path("Alphabetic").asText("");
        }
        return v.isNull() ? "" : v.asText("");
    }
}
