package org.stylexaudit.ingest;

import java.util.function.UnaryOperator;

/** Reads DICOM files for ingest: keys, SOP class filter, laterality and the first frame. */
final class DicomImages {

    private final UnaryOperator<String> keyer;
    private final long maxPixels;

    DicomImages(UnaryOperator<String> keyer, long maxPixels) {
        this.keyer = keyer;
        this.maxPixels = maxPixels;
    }

    /** Processes a file recognised as DICOM. */
    Outcome process(FolderWalker.Entry e, String digest, FileProcessor processor) {
        return Outcome.rejected(e, "unsupported: DICOM decoding is not available in this build", digest,
                ImageFacts.formatOnly(FileFormat.DICOM.label()));
    }
}
