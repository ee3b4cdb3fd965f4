package org.stylexaudit.ingest.dicomweb;

/** Identifies one study found by QIDO-RS; date is YYYYMMDD or empty. */
public record StudyRef(String studyUid, String studyDate, String patientId, String accession) {
}
