package org.stylexaudit.dicom;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TruncationTest {

    @Test
    void decode_fileCutAnywhereInDataset_isReportedAsTruncated() throws Exception {
        DicomObject ds = Fixtures.baseDataset();
        DicomWriter.putImage(ds, Fixtures.rgbPattern(20, 20), true);
        byte[] full = DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LE);
        int datasetStart = 132 + 12 + (int) new DicomReader(ReadLimits.DEFAULT).read(full).fileMeta()
                .intValue(Tag.FileMetaInformationGroupLength, 0);
        ImageDecoder decoder = new ImageDecoder(ReadLimits.DEFAULT);
        for (int cut = datasetStart + 1; cut < full.length; cut += 7) {
            byte[] part = Arrays.copyOf(full, cut);
            int at = cut;
            DicomException e = assertThrows(DicomException.class, () -> {
                DicomObject back = new DicomReader(ReadLimits.DEFAULT).read(part);
                decoder.decodeFrame(back, 0);
            }, "cut at " + at);
            String m = e.getMessage();
            assertTrue(m.contains("truncated") || m.contains("ends inside"), "cut at " + at + ": " + m);
        }
    }
}
