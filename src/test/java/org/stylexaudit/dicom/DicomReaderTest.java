package org.stylexaudit.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DicomReaderTest {

    @TempDir
    Path tmp;

    private final DicomReader reader = new DicomReader(ReadLimits.DEFAULT);

    @ParameterizedTest
    @EnumSource(value = TransferSyntax.class,
            names = {"EXPLICIT_VR_LE", "IMPLICIT_VR_LE", "EXPLICIT_VR_BE", "DEFLATED_EXPLICIT_VR_LE"})
    void read_roundTripsEveryUncompressedSyntax(TransferSyntax syntax) throws Exception {
        BufferedImage img = Fixtures.rgbPattern(33, 17);
        DicomObject ds = Fixtures.baseDataset();
        ds.put(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.put(Tag.InstitutionName, VR.LO, "Hôpital Ñandú 眼科");
        ds.putInts(Tag.FrameIncrementPointer, VR.AT, Tag.NumberOfFrames);
        ds.putDoubles(Tag.PixelSpacing + 1, VR.FD, 0.25, -1.5);
        DicomObject item = new DicomObject().put(Tag.CodeValue, VR.SH, "T-AA000").put(Tag.CodeMeaning, VR.LO, "Öye");
        ds.putSequence(Tag.AnatomicRegionSequence, List.of(item));
        DicomWriter.putImage(ds, img, true);
        Path file = tmp.resolve("x.dcm");
        DicomWriter.write(file, ds, syntax);

        DicomObject back = reader.read(file);
        assertEquals(syntax.uid(), back.transferSyntax());
        assertEquals(syntax.uid(), back.fileMeta().string(Tag.TransferSyntaxUID));
        assertEquals(ds.string(Tag.SOPInstanceUID), back.fileMeta().string(Tag.MediaStorageSOPInstanceUID));
        assertEquals("Hôpital Ñandú 眼科", back.string(Tag.InstitutionName));
        assertEquals("Doe^Jane", back.string(Tag.PatientName));
        assertEquals("(0028,0008)", back.string(Tag.FrameIncrementPointer));
        if (syntax.explicitVr()) { // implicit VR cannot carry the VR of a tag missing from the dictionary
            assertArrayEquals(new double[] {0.25, -1.5}, back.doubles(Tag.PixelSpacing + 1));
        }
        assertEquals("Öye", back.sequence(Tag.AnatomicRegionSequence).get(0).string(Tag.CodeMeaning));
        assertEquals(List.of(), back.warnings());
        PixelFrame f = new ImageDecoder().rawFrame(back, 0);
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 33; x++) {
                int rgb = img.getRGB(x, y);
                assertEquals(rgb >> 16 & 0xFF, f.sample(x, y, 0));
                assertEquals(rgb >> 8 & 0xFF, f.sample(x, y, 1));
                assertEquals(rgb & 0xFF, f.sample(x, y, 2));
            }
        }
    }

    @Test
    void write_encapsulatedPdfKeepsTheDocumentPaddedToEvenLength() throws Exception {
        byte[] pdf = "%PDF-1.7\n%odd length document\n%%EOF".getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, pdf.length % 2);
        DicomObject ds = Fixtures.baseDataset();
        ds.put(Tag.SOPClassUID, VR.UI, Uids.EncapsulatedPDFStorage);
        ds.put(Tag.MIMETypeOfEncapsulatedDocument, VR.LO, "application/pdf");
        ds.putBytes(Tag.EncapsulatedDocument, VR.OB, pdf);
        Path file = tmp.resolve("report.dcm");
        DicomWriter.write(file, ds);
        DicomObject back = reader.read(file);
        assertEquals(Uids.EncapsulatedPDFStorage, back.fileMeta().string(Tag.MediaStorageSOPClassUID));
        byte[] doc = back.bytes(Tag.EncapsulatedDocument);
        assertEquals(pdf.length + 1, doc.length);
        assertArrayEquals(pdf, java.util.Arrays.copyOf(doc, pdf.length));
        assertEquals(0, doc[pdf.length], "OB is padded with NUL (PS3.5 6.2)");
    }

    @Test
    void write_metaGroupLengthCountsTheMetaElements() throws Exception {
        DicomObject ds = Fixtures.baseDataset();
        byte[] file = DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LE);
        assertEquals("DICM", new String(file, 128, 4, StandardCharsets.US_ASCII));
        int groupLength = (file[140] & 0xFF) | (file[141] & 0xFF) << 8;
        int afterLength = 144;
        int end = afterLength + groupLength;
        // The first element after the meta group must be group 0008.
        assertEquals(0x0008, (file[end] & 0xFF) | (file[end + 1] & 0xFF) << 8);
        DicomObject back = new DicomReader(ReadLimits.DEFAULT).read(file);
        assertEquals(DicomWriter.IMPLEMENTATION_CLASS_UID, back.fileMeta().string(Tag.ImplementationClassUID));
    }

    @Test
    void read_bigEndianEightBitOwIsSwappedPerWordButObIsNot() throws Exception {
        // 8-bit pixels 1 2 3 4 stored as OW in big endian appear as 2 1 4 3 on disk (PS3.5 A.3).
        Fixtures.Bytes body = new Fixtures.Bytes();
        byte[] file = withMeta(Uids.ExplicitVRBigEndian, be -> {
            be.raw(beElement(Tag.SamplesPerPixel, "US", new byte[] {0, 1}));
            be.raw(beElement(Tag.PhotometricInterpretation, "CS", "MONOCHROME2 ".getBytes(StandardCharsets.US_ASCII)));
            be.raw(beElement(Tag.Rows, "US", new byte[] {0, 1}));
            be.raw(beElement(Tag.Columns, "US", new byte[] {0, 4}));
            be.raw(beElement(Tag.BitsAllocated, "US", new byte[] {0, 8}));
            be.raw(beElement(Tag.BitsStored, "US", new byte[] {0, 8}));
            be.raw(beElement(Tag.HighBit, "US", new byte[] {0, 7}));
            be.raw(beElement(Tag.PixelRepresentation, "US", new byte[] {0, 0}));
            be.raw(beElement(0x00091010, "OB", new byte[] {1, 2, 3, 4}));
            be.raw(beElement(Tag.PixelData, "OW", new byte[] {2, 1, 4, 3}));
        });
        assertEquals(0, body.size());
        DicomObject ds = reader.read(file);
        assertArrayEquals(new int[] {1, 2, 3, 4}, new ImageDecoder().rawFrame(ds, 0).samples());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, ds.bytes(0x00091010));
        assertEquals(4, ds.intValue(Tag.Columns, 0));
    }

    @Test
    void read_undefinedLengthSequencesNestedInExplicitAndImplicit() throws Exception {
        Fixtures.Bytes inner = new Fixtures.Bytes()
                .explicit(Tag.CodeValue, "SH", "INNER ".getBytes(StandardCharsets.US_ASCII));
        Fixtures.Bytes b = new Fixtures.Bytes()
                .tag(Tag.AnatomicRegionSequence).ascii("SQ").u16(0).u32(0xFFFFFFFFL)
                .tag(Tag.Item).u32(0xFFFFFFFFL)
                .explicit(Tag.CodeMeaning, "LO", "Eye ".getBytes(StandardCharsets.US_ASCII))
                .tag(Tag.ReferencedImageSequence).ascii("SQ").u16(0).u32(0xFFFFFFFFL)
                .tag(Tag.Item).u32(inner.size()).raw(inner.toBytes())
                .tag(Tag.SequenceDelimitationItem).u32(0)
                .tag(Tag.ItemDelimitationItem).u32(0)
                .tag(Tag.Item).u32(0xFFFFFFFFL).tag(Tag.ItemDelimitationItem).u32(0)
                .tag(Tag.SequenceDelimitationItem).u32(0)
                .explicit(Tag.PatientID, "LO", "ID42".getBytes(StandardCharsets.US_ASCII));
        DicomObject ds = reader.read(withMeta(Uids.ExplicitVRLittleEndian, x -> x.raw(b.toBytes())));
        List<DicomObject> items = ds.sequence(Tag.AnatomicRegionSequence);
        assertEquals(2, items.size());
        assertEquals("Eye", items.get(0).string(Tag.CodeMeaning));
        assertEquals("INNER", items.get(0).sequence(Tag.ReferencedImageSequence).get(0).string(Tag.CodeValue));
        assertEquals(0, items.get(1).size());
        assertEquals("ID42", ds.string(Tag.PatientID));

        // Implicit VR: the dictionary names the SQ; an unknown private tag of undefined length is a sequence too.
        Fixtures.Bytes imp = new Fixtures.Bytes()
                .tag(Tag.AnatomicRegionSequence).u32(0xFFFFFFFFL)
                .tag(Tag.Item).u32(0xFFFFFFFFL)
                .implicit(Tag.CodeMeaning, "Eye ".getBytes(StandardCharsets.US_ASCII))
                .tag(Tag.ItemDelimitationItem).u32(0)
                .tag(Tag.SequenceDelimitationItem).u32(0)
                .tag(0x00091001).u32(0xFFFFFFFFL)
                .tag(Tag.Item).u32(12).implicit(Tag.PatientID, "ABCD".getBytes(StandardCharsets.US_ASCII))
                .tag(Tag.SequenceDelimitationItem).u32(0);
        DicomObject ids = reader.read(withMeta(Uids.ImplicitVRLittleEndian, x -> x.raw(imp.toBytes())));
        assertEquals("Eye", ids.sequence(Tag.AnatomicRegionSequence).get(0).string(Tag.CodeMeaning));
        assertEquals("ABCD", ids.sequence(0x00091001).get(0).string(Tag.PatientID));
    }

    @Test
    void read_implicitUnknownTagHoldingItemsBecomesSequenceOtherwiseStaysBytes() throws Exception {
        Fixtures.Bytes item = new Fixtures.Bytes().implicit(Tag.CodeValue, "AB".getBytes(StandardCharsets.US_ASCII));
        Fixtures.Bytes seq = new Fixtures.Bytes().tag(Tag.Item).u32(item.size()).raw(item.toBytes());
        byte[] fake = new Fixtures.Bytes().tag(Tag.Item).u32(2).raw((byte) 1, (byte) 2, (byte) 3, (byte) 4).toBytes();
        Fixtures.Bytes b = new Fixtures.Bytes()
                .implicit(0x300A0010, seq.toBytes())
                .implicit(0x300A0020, fake);
        DicomObject ds = reader.read(withMeta(Uids.ImplicitVRLittleEndian, x -> x.raw(b.toBytes())));
        assertEquals("AB", ds.sequence(0x300A0010).get(0).string(Tag.CodeValue));
        assertEquals(VR.UN, ds.element(0x300A0020).vr());
        assertArrayEquals(fake, ds.bytes(0x300A0020));
    }

    @Test
    void read_fileWithoutMetaIsImplicitLittleEndianWithWarning() throws Exception {
        DicomObject ds = Fixtures.baseDataset();
        byte[] bare = DicomWriter.encodeDataset(ds, false, false);
        Path file = tmp.resolve("bare.dcm");
        Files.write(file, bare);
        DicomObject back = reader.read(file);
        assertNull(back.fileMeta());
        assertEquals(Uids.ImplicitVRLittleEndian, back.transferSyntax());
        assertEquals("P-0001", back.string(Tag.PatientID));
        assertEquals(1, back.warnings().size());
        assertTrue(back.warnings().get(0).contains("no file meta"), back.warnings().get(0));
        assertTrue(DicomReader.looksLikeDicom(file));
    }

    @Test
    void looksLikeDicom_rejectsText() throws Exception {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "Just some notes about the patient, nothing DICOM here.");
        assertFalse(DicomReader.looksLikeDicom(file));
    }

    @Test
    void string_decodesIsoIr100AndUtf8AndDefault() throws Exception {
        byte[] latin1 = "Müller^Jörg".getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf8 = "Müller^Jörg".getBytes(StandardCharsets.UTF_8);
        assertEquals("Müller^Jörg", readName("ISO_IR 100", latin1));
        assertEquals("Müller^Jörg", readName("ISO_IR 192", utf8));
        // Without a character set the default repertoire applies; the bytes must stay visible, not vanish.
        assertEquals("M\u00c3\u00bcller^J\u00c3\u00b6rg", readName(null, utf8));
    }

    private String readName(String charset, byte[] name) throws Exception {
        byte[] padded = name.length % 2 == 0 ? name : java.util.Arrays.copyOf(name, name.length + 1);
        if (name.length % 2 == 1) {
            padded[name.length] = ' ';
        }
        Fixtures.Bytes b = new Fixtures.Bytes();
        if (charset != null) {
            byte[] cs = (charset.length() % 2 == 0 ? charset : charset + " ").getBytes(StandardCharsets.US_ASCII);
            b.explicit(Tag.SpecificCharacterSet, "CS", cs);
        }
        b.explicit(Tag.PatientName, "PN", padded);
        return reader.read(withMeta(Uids.ExplicitVRLittleEndian, x -> x.raw(b.toBytes()))).string(Tag.PatientName);
    }

    @Test
    void read_lengthPastEndOfFileIsRefused() {
        Fixtures.Bytes b = new Fixtures.Bytes().tag(Tag.PatientName).ascii("PN").u16(200).ascii("Doe^J");
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> reader.read(withMeta(Uids.ExplicitVRLittleEndian, x -> x.raw(b.toBytes()))));
        assertTrue(e.getMessage().contains("(0010,0010)"), e.getMessage());
        Fixtures.Bytes c = new Fixtures.Bytes().tag(Tag.PixelData).ascii("OB").u16(0).u32(0xFFFFFFF0L).u32(0);
        assertThrows(LimitExceededException.class,
                () -> reader.read(withMeta(Uids.ExplicitVRLittleEndian, x -> x.raw(c.toBytes()))));
    }

    @Test
    void read_unterminatedUndefinedSequenceIsRefused() {
        Fixtures.Bytes b = new Fixtures.Bytes().tag(Tag.AnatomicRegionSequence).ascii("SQ").u16(0).u32(0xFFFFFFFFL)
                .tag(Tag.Item).u32(0xFFFFFFFFL).explicit(Tag.CodeValue, "SH", "AB".getBytes(StandardCharsets.US_ASCII));
        assertThrows(LimitExceededException.class,
                () -> reader.read(withMeta(Uids.ExplicitVRLittleEndian, x -> x.raw(b.toBytes()))));
    }

    @Test
    void read_sequencesDeeperThanLimitAreRefused() {
        Fixtures.Bytes b = new Fixtures.Bytes();
        int depth = 40;
        for (int i = 0; i < depth; i++) {
            b.tag(Tag.AnatomicRegionSequence).ascii("SQ").u16(0).u32(0xFFFFFFFFL).tag(Tag.Item).u32(0xFFFFFFFFL);
        }
        for (int i = 0; i < depth; i++) {
            b.tag(Tag.ItemDelimitationItem).u32(0).tag(Tag.SequenceDelimitationItem).u32(0);
        }
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> reader.read(withMeta(Uids.ExplicitVRLittleEndian, x -> x.raw(b.toBytes()))));
        assertTrue(e.getMessage().contains("deeper than 16"), e.getMessage());
    }

    @Test
    void read_tooManyElementsAreRefused() {
        Fixtures.Bytes b = new Fixtures.Bytes();
        for (int i = 0; i < 500; i++) {
            b.explicit(0x00090000 | (0x1000 + i), "UN", new byte[0]);
        }
        DicomReader small = new DicomReader(new ReadLimits(1 << 20, 1 << 20, 16, 100, 1 << 20));
        assertThrows(LimitExceededException.class,
                () -> small.read(withMeta(Uids.ExplicitVRLittleEndian, x -> x.raw(b.toBytes()))));
    }

    @Test
    void read_deflateBombStopsAtTheLimit() throws Exception {
        // 256 MiB of zeros in one element deflate to about 256 KiB; the limit of 16 MiB must stop inflation early.
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, d)) {
            out.write(new Fixtures.Bytes().tag(0x00091010).ascii("OB").u16(0).u32(256L << 20).toBytes());
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                out.write(zeros);
            }
        } finally {
            d.end();
        }
        byte[] file = withMeta(Uids.DeflatedExplicitVRLittleEndian, x -> x.raw(deflated.toByteArray()));
        DicomReader limited = new DicomReader(ReadLimits.DEFAULT.withMaxFileBytes(16L << 20));
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> limited.read(file));
        assertTrue(e.getMessage().contains("inflates past"), e.getMessage());
    }

    @Test
    void read_truncatedFileIsRefusedNotCrashed() throws Exception {
        DicomObject ds = Fixtures.baseDataset();
        DicomWriter.putImage(ds, Fixtures.rgbPattern(20, 20), true);
        byte[] full = DicomWriter.encode(ds, TransferSyntax.EXPLICIT_VR_LE);
        for (int cut = 1; cut < full.length; cut += 37) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            try {
                reader.read(part);
            } catch (DicomException expected) {
                // refusing is fine; anything else (runtime exception, error) fails the test
            }
        }
    }

    /** Builds a Part 10 file: preamble, DICM, a minimal meta group with the syntax, then the body. */
    static byte[] withMeta(String syntax, java.util.function.Consumer<Fixtures.Bytes> body) {
        Fixtures.Bytes meta = new Fixtures.Bytes();
        String uid = syntax.length() % 2 == 0 ? syntax : syntax + "\0";
        meta.explicit(Tag.TransferSyntaxUID, "UI", uid.getBytes(StandardCharsets.US_ASCII));
        Fixtures.Bytes b = new Fixtures.Bytes().raw(new byte[128]).ascii("DICM")
                .explicit(Tag.FileMetaInformationGroupLength, "UL", new byte[] {(byte) meta.size(), 0, 0, 0})
                .raw(meta.toBytes());
        body.accept(b);
        return b.toBytes();
    }

    /** A big endian explicit VR short-form or long-form element. */
    static byte[] beElement(int tag, String vr, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag >>> 24);
        out.write(tag >>> 16 & 0xFF);
        out.write(tag >>> 8 & 0xFF);
        out.write(tag & 0xFF);
        out.write(vr.charAt(0));
        out.write(vr.charAt(1));
        if (VR.valueOf(vr).longLength()) {
            out.write(0);
            out.write(0);
            out.write(value.length >>> 24);
            out.write(value.length >>> 16 & 0xFF);
        }
        out.write(value.length >>> 8 & 0xFF);
        out.write(value.length & 0xFF);
        out.write(value, 0, value.length);
        return out.toByteArray();
    }
}
