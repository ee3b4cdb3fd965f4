package org.stylexaudit.audit;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Describes one audit: where images come from, where the work goes, which model to explain and how.
 * Paths are absolute (resolved against the protocol file's folder by {@link ProtocolLoader}).
 */
public record Protocol(Path file, Archive archive, Path workspace, Path bundle, List<String> classes,
        AttFindOptions attfind, ReportOptions report, StudyOptions study, boolean allowPatientData, Path output) {

    /** Copies the class list so the protocol stays immutable. */
    public Protocol {
        classes = List.copyOf(classes);
    }

    /** Names the image source: a folder, or a DICOMweb service with its credentials. */
    public record Archive(Path folder, URI dicomweb, Path credentialsFile, String envPrefix) {

        /** Tells whether the source is a local folder. */
        public boolean isFolder() {
            return folder != null;
        }
    }

    /** Chooses how AttFind searches: all attributes, or a screened subset first. */
    public enum Method { EXHAUSTIVE, SCREENED }

    /** Chooses when AttFind runs: only when new images arrived since the last run, or on every run. */
    public enum When { NEW_IMAGES, ALWAYS }

    /** Holds the AttFind parameters: images per run, attributes to find, style shift, method and schedule. */
    public record AttFindOptions(int imagesPerRun, int k, double shift, Method method, When when) {
    }

    /** Holds the report options; {@code storeToArchive} sends the PDF back by STOW-RS (DICOMweb archives only). */
    public record ReportOptions(boolean enabled, String title, boolean storeToArchive) {
    }

    /** Holds the reader study options; disabled when no reviewers are named. */
    public record StudyOptions(List<String> reviewers, int itemsPerAttribute) {

        /** Copies the reviewer list. */
        public StudyOptions {
            reviewers = List.copyOf(reviewers);
        }

        /** Tells whether a study packet is requested. */
        public boolean enabled() {
            return !reviewers.isEmpty();
        }
    }
}
