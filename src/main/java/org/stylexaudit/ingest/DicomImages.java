package org.stylexaudit.ingest;

import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.stylexaudit.dicom.DicomException;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomReader;
import org.stylexaudit.dicom.ImageDecoder;
import org.stylexaudit.dicom.LimitExceededException;
import org.stylexaudit.dicom.ReadLimits;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.dicom.UnsupportedSyntaxException;

/**
 * Reads DICOM files for ingest: keys from UIDs, the SOP class filter, laterality and the first frame.
 *
 * <p>Only the first frame of a multi-frame instance is cached: a catalog row and an image key stand for one SOP
 * instance (the key is the HMAC of its SOP Instance UID), and the frames of an ophthalmic multi-frame instance are
 * views of one eye (stereo pairs, short series) that would otherwise weigh several times in AttFind's sample. The
 * frame count is recorded in the catalog.
 */
final class DicomImages {

    /**
     * SOP classes whose images are ingested (PS3.4 B.5): ophthalmic photography 8 and 16 bit, VL photographic,
     * and secondary capture, single-frame and the multi-frame grey and true-colour variants; the 1-bit
     * multi-frame secondary capture holds drawings, not photographs.
     */
    static final Set<String> OF_INTEREST = Set.of(
            Uids.OphthalmicPhotography8BitImageStorage,
            Uids.OphthalmicPhotography16BitImageStorage,
            Uids.VLPhotographicImageStorage,
            Uids.SecondaryCaptureImageStorage,
            "1.2.840.10008.5.1.4.1.1.7.2", // Multi-frame Grayscale Byte Secondary Capture
            "1.2.840.10008.5.1.4.1.1.7.3", // Multi-frame Grayscale Word Secondary Capture
            "1.2.840.10008.5.1.4.1.1.7.4"); // Multi-frame True Color Secondary Capture

    /**
     * Names of SOP classes often met in clinical archives that the dicom package does not name, so a skip reason
     * reads "Comprehensive SR" rather than a bare UID (PS3.4 B.5).
     */
    private static final Map<String, String> MORE_NAMES = Map.ofEntries(
            Map.entry("1.2.840.10008.5.1.4.1.1.1", "Computed Radiography Image Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.1.1", "Digital X-Ray Image Storage - For Presentation"),
            Map.entry("1.2.840.10008.5.1.4.1.1.6.1", "Ultrasound Image Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.7.1", "Multi-frame Single Bit Secondary Capture Image Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.66.4", "Segmentation Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.77.1.5.4", "Ophthalmic Tomography Image Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.77.1.5.7", "Wide Field Ophthalmic Photography Stereographic Projection"),
            Map.entry("1.2.840.10008.5.1.4.1.1.77.1.5.8", "Wide Field Ophthalmic Photography 3D Coordinates"),
            Map.entry("1.2.840.10008.5.1.4.1.1.88.11", "Basic Text SR Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.88.22", "Enhanced SR Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.88.33", "Comprehensive SR Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.9.1.1", "12-lead ECG Waveform Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.1", "RT Image Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.2", "RT Dose Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.3", "RT Structure Set Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.5", "RT Plan Storage"),
            Map.entry("1.2.840.10008.5.1.4.1.1.481.8", "RT Ion Plan Storage"));

    private static final Set<String> LATERALITIES = Set.of("R", "L", "B", "U");

    private final UnaryOperator<String> keyer;
    private final long maxPixels;
    private final DicomReader reader;
    private final ImageDecoder decoder;

    DicomImages(UnaryOperator<String> keyer, long maxPixels, ReadLimits limits) {
        this.keyer = keyer;
        this.maxPixels = maxPixels;
        this.reader = new DicomReader(limits);
        this.decoder = new ImageDecoder(limits);
    }

    /** Processes a file recognised as DICOM. */
    Outcome process(FolderWalker.Entry e, String digest, FileProcessor processor) {
        ImageFacts facts = ImageFacts.formatOnly(FileFormat.DICOM.label());
        DicomObject ds;
        try {
            ds = reader.read(e.file());
        } catch (DicomException ex) {
            // The reader names the file in some messages; the catalog may hold paths only as keyed hashes.
            return Outcome.rejected(e, readFailure(ex).replace(e.file().toString(), "the file"), digest, facts);
        }
        String sopClass = uid(ds, Tag.SOPClassUID, Tag.MediaStorageSOPClassUID);
        String sopInstance = uid(ds, Tag.SOPInstanceUID, Tag.MediaStorageSOPInstanceUID);
        String study = ds.string(Tag.StudyInstanceUID, null);
        int rows = ds.intValue(Tag.Rows, -1);
        int columns = ds.intValue(Tag.Columns, -1);
        facts = new ImageFacts(FileFormat.DICOM.label(), sopInstance == null ? null : keyer.apply(sopInstance),
                study == null ? null : keyer.apply(study), sopClass, ds.transferSyntax(), rows < 0 ? null : rows,
                columns < 0 ? null : columns, null, laterality(ds));
        if (sopClass == null) {
            return Outcome.rejected(e, "invalid DICOM: no SOP Class UID (0008,0016)", digest, facts);
        }
        if (!OF_INTEREST.contains(sopClass)) {
            return Outcome.skipped(e, "SOP class not of interest (" + sopClassName(sopClass) + "): catalogued only",
                    digest, facts);
        }
        if (sopInstance == null) {
            return Outcome.rejected(e, "invalid DICOM: no SOP Instance UID (0008,0018)", digest, facts);
        }
        if (!ds.contains(Tag.PixelData)) {
            return Outcome.rejected(e, "invalid DICOM: no Pixel Data (7FE0,0010)", digest, facts);
        }
        if ((long) Math.max(rows, 0) * Math.max(columns, 0) > maxPixels) {
            return Outcome.rejected(e, "image too large: " + columns + " x " + rows + " pixels exceeds the limit of "
                    + maxPixels, digest, facts);
        }
        try {
            int frames = decoder.frameCount(ds);
            facts = new ImageFacts(facts.format(), facts.imageKey(), facts.studyKey(), facts.sopClass(),
                    facts.transferSyntax(), facts.rows(), facts.columns(), frames, facts.laterality());
            BufferedImage first = decoder.decodeFrame(ds, 0);
            return processor.accept(e, digest, facts, first);
        } catch (UnsupportedSyntaxException ex) {
            return Outcome.rejected(e, "unsupported: " + ex.getMessage(), digest, facts);
        } catch (LimitExceededException ex) {
            return Outcome.rejected(e, "too large: " + ex.getMessage(), digest, facts);
        } catch (DicomException ex) {
            return Outcome.rejected(e, "undecodable pixel data: " + ex.getMessage(), digest, facts);
        }
    }

    /**
     * Words a reader refusal: a value length running past the end of the file means the file was cut short, which
     * the operator fixes differently (fetch it again) from a file that is too large or malformed.
     */
    static String readFailure(DicomException ex) {
        String m = PlainImageReader.firstLine(ex);
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("truncat") || lower.contains("remain") || lower.contains("end of")) {
            return "truncated DICOM: " + m;
        }
        if (ex instanceof LimitExceededException) {
            return "too large: " + m;
        }
        return "invalid DICOM: " + m;
    }

    /** Returns the name of a SOP class, or its UID when neither table knows it. */
    static String sopClassName(String uid) {
        String n = MORE_NAMES.get(uid);
        return n != null ? n : Uids.name(uid);
    }

    /** Returns a UID from the data set, or from the file meta when the data set lacks it. */
    private static String uid(DicomObject ds, int tag, int metaTag) {
        String v = ds.string(tag, null);
        if (v == null && ds.fileMeta() != null) {
            v = ds.fileMeta().string(metaTag, null);
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Returns Image Laterality (0020,0062), else Laterality (0020,0060), when it holds a defined term. */
    static String laterality(DicomObject ds) {
        for (int tag : new int[] {Tag.ImageLaterality, Tag.Laterality}) {
            String v = ds.string(tag, null);
            if (v != null) {
                String t = v.trim().toUpperCase(Locale.ROOT);
                if (LATERALITIES.contains(t)) {
                    return t;
                }
            }
        }
        return null;
    }
}
