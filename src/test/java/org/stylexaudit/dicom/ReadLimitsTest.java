package org.stylexaudit.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each read limit refuses what passes it and lets the same file through when raised. */
class ReadLimitsTest {

    @Test
    void read_deflateBomb_isRefusedByTheInflateRatio() throws Exception {
        DicomObject ds = Fixtures.mono(2, 2, 1, 8, 8, false, new int[4]);
        ds.putBytes(0x00091010, VR.OB, new byte[48 << 20]); // 48 MiB of zeros: a private element
        byte[] file = DicomWriter.encode(ds, TransferSyntax.DEFLATED_EXPLICIT_VR_LE);
        assertTrue(file.length < 1 << 20, "zeros deflate about 1000:1, got " + file.length);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> new DicomReader(ReadLimits.DEFAULT).read(file));
        assertTrue(e.getMessage().contains("100 times its compressed size"), e.getMessage());
        DicomObject read = new DicomReader(ReadLimits.DEFAULT.withMaxInflateRatio(5000)).read(file);
        assertEquals(48 << 20, read.bytes(0x00091010).length);
    }

    @Test
    void maxInflatedBytes_smallFilesMayAlwaysInflateToTheFreeAllowance() {
        assertEquals(ReadLimits.INFLATE_FREE_BYTES, ReadLimits.DEFAULT.maxInflatedBytes(1000));
        assertEquals(100L << 20, ReadLimits.DEFAULT.maxInflatedBytes(1 << 20));
        assertEquals(ReadLimits.DEFAULT.maxFileBytes(), ReadLimits.DEFAULT.maxInflatedBytes(1L << 40));
    }

    @Test
    void read_sequencesNestedPastTheDepth_areRefused() throws Exception {
        DicomObject ds = Fixtures.baseDataset();
        DicomObject inner = ds;
        for (int i = 0; i < 20; i++) {
            DicomObject item = new DicomObject();
            inner.putSequence(Tag.ReferencedImageSequence, List.of(item));
            inner = item;
        }
        byte[] file = DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LE);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> new DicomReader(ReadLimits.DEFAULT).read(file));
        assertTrue(e.getMessage().contains("nested deeper than 16"), e.getMessage());
        new DicomReader(ReadLimits.DEFAULT.withMaxSequenceDepth(32)).read(file);
    }

    @Test
    void read_moreElementsThanTheLimit_areRefused() throws Exception {
        byte[] file = DicomWriter.encode(Fixtures.baseDataset(), TransferSyntax.EXPLICIT_VR_LE);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> new DicomReader(ReadLimits.DEFAULT.withMaxElements(3)).read(file));
        assertTrue(e.getMessage().contains("more than 3 data elements"), e.getMessage());
    }

    @Test
    void read_valueLongerThanTheLimit_isRefused() throws Exception {
        DicomObject ds = Fixtures.mono(40, 50, 1, 8, 8, false, new int[2000]);
        byte[] file = DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LE);
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> new DicomReader(ReadLimits.DEFAULT.withMaxElementLength(1000)).read(file));
        assertTrue(e.getMessage().contains("exceeds the limit of 1000"), e.getMessage());
    }

    @Test
    void constructor_nonPositiveLimit_isRefusedNamingTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadLimits.DEFAULT.withMaxInflateRatio(0));
        assertTrue(e.getMessage().contains("inflate ratio 0"), e.getMessage());
    }
}
