package org.stylexaudit.synth;

import java.nio.file.Path;
import java.util.List;

/**
 * What a generator run wrote.
 *
 * @param out output folder
 * @param groundTruth path of ground-truth.csv
 * @param images number of images
 * @param referable images labelled referable
 * @param dicom images written as DICOM
 * @param png images written as PNG
 * @param jpeg images written as JPEG
 * @param patients distinct patients
 */
public record SynthResult(Path out, Path groundTruth, int images, int referable, int dicom, int png, int jpeg,
        int patients) {

    static SynthResult of(Path out, Path csv, List<GroundTruthRow> rows) {
        int referable = 0;
        int dicom = 0;
        int png = 0;
        int jpeg = 0;
        for (GroundTruthRow r : rows) {
            referable += r.referableDr() ? 1 : 0;
            switch (r.format()) {
                case "dicom" -> dicom++;
                case "png" -> png++;
                default -> jpeg++;
            }
        }
        int patients = (int) rows.stream().map(r -> r.patient().id()).distinct().count();
        return new SynthResult(out, csv, rows.size(), referable, dicom, png, jpeg, patients);
    }
}
