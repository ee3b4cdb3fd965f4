package org.stylexaudit.ingest;

/**
 * What ingest learned about a file's image, as stored in its catalog row; no field carries patient data.
 *
 * @param format         {@code dicom}, {@code png}, {@code jpeg}, {@code tiff} or {@code unknown}
 * @param imageKey       workspace HMAC of the SOP Instance UID (DICOM) or of the content digest
 * @param studyKey       workspace HMAC of the Study Instance UID, DICOM only
 * @param sopClass       SOP Class UID, DICOM only
 * @param transferSyntax transfer syntax UID, DICOM only
 * @param rows           source rows
 * @param columns        source columns
 * @param frames         frames (DICOM) or pages (TIFF) in the file; only the first is cached
 * @param laterality     R, L, B or U from Image Laterality (0020,0062) or Laterality (0020,0060)
 */
record ImageFacts(String format, String imageKey, String studyKey, String sopClass, String transferSyntax,
                  Integer rows, Integer columns, Integer frames, String laterality) {

    /** Returns facts knowing only the format, for files rejected before decoding. */
    static ImageFacts formatOnly(String format) {
        return new ImageFacts(format, null, null, null, null, null, null, null, null);
    }
}
