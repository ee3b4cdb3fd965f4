package org.stylexaudit.synth;

/**
 * One line of {@code ground-truth.csv}: where an image is, who and which visit it belongs to, its label and every
 * factor it was drawn from.
 *
 * @param imageId stable identifier within the run (img000001...)
 * @param file path relative to the folder holding ground-truth.csv, with forward slashes
 * @param format dicom, png or jpeg
 * @param split train, validation or test (assigned per patient, so no patient spans two splits)
 * @param referableDr the label (after label noise)
 * @param labelFlipped whether label noise flipped the rule's verdict
 * @param severityGrade the latent disease grade 0..4 the lesion counts were drawn from
 * @param patient the fake patient
 * @param studyDate date of the visit
 * @param accessionNumber accession number of the visit's study
 * @param studyInstanceUid study UID
 * @param seriesInstanceUid series UID
 * @param sopInstanceUid SOP instance UID (also written into PNG/JPEG exports' metadata where possible)
 * @param resolution image side in pixels
 * @param factors every factor of the image
 */
public record GroundTruthRow(String imageId, String file, String format, String split, boolean referableDr,
        boolean labelFlipped, int severityGrade, Patient patient, java.time.LocalDate studyDate,
        String accessionNumber, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
        int resolution, FundusFactors factors) {
}
