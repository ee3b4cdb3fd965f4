package org.stylexaudit.ingest.dicomweb;

/** Identifies one instance found by QIDO-RS. */
public record InstanceRef(String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid) {
}
