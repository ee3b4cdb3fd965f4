package org.stylexaudit.ingest.dicomweb;

/** A study found by QIDO-RS with its Number of Study Related Instances (0 when the archive does not say). */
public record StudyCount(StudyRef study, int instances) {
}
