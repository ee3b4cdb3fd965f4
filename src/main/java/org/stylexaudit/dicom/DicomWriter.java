package org.stylexaudit.dicom;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.stylexaudit.common.ToolInfo;

/**
 * Writes data sets as DICOM Part 10 files: 128-byte preamble, "DICM", file meta information with a correct group
 * length, then the data set (explicit VR little endian unless another uncompressed syntax is asked for).
 * Sequences and items are written with defined lengths; group lengths other than the meta group's are dropped
 * (retired in PS3.5 7.2); encapsulated pixel data keeps its fragments.
 *
 * <pre>{@code
 * DicomObject ds = new DicomObject()
 *         .put(Tag.SOPClassUID, VR.UI, Uids.OphthalmicPhotography8BitImageStorage)
 *         .put(Tag.SOPInstanceUID, VR.UI, Uids.newUid());
 * DicomWriter.putImage(ds, image, true);
 * DicomWriter.write(Path.of("out.dcm"), ds);
 * }</pre>
 */
public final class DicomWriter {

    /** Implementation Class UID of this tool (under the 2.25 UUID arc, fixed). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.200418915307393146427215372419187430211";
    /** Implementation Version Name (at most 16 characters, SH). */
    public static final String IMPLEMENTATION_VERSION_NAME = "STYLEXAUDIT_01";

    private DicomWriter() {
    }

    /** Writes the data set as explicit VR little endian Part 10 (atomically: temp file, then move). */
    public static void write(Path file, DicomObject dataset) throws DicomException {
        write(file, dataset, TransferSyntax.EXPLICIT_VR_LE);
    }

    /**
     * Writes the data set with the given transfer syntax. Uncompressed syntaxes (implicit/explicit LE, explicit BE,
     * deflated) re-encode native pixel data; an encapsulated syntax requires the pixel data to be fragments already.
     */
    public static void write(Path file, DicomObject dataset, TransferSyntax syntax) throws DicomException {
        byte[] bytes = encode(dataset, syntax);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // Not Files.createTempFile: it makes the file owner-only (0600), and archives are read by other users.
            Path tmp = parent.resolve("." + file.getFileName() + "." + System.nanoTime() + ".part");
            try {
                Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DicomException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Encodes the data set as a Part 10 file in memory. */
    public static byte[] encode(DicomObject dataset, TransferSyntax syntax) throws DicomException {
        checkSyntax(dataset, syntax);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[128], 0, 128);
        out.write('D');
        out.write('I');
        out.write('C');
        out.write('M');
        writeMeta(out, dataset, syntax);
        byte[] body = encodeDataset(dataset, syntax.explicitVr(), syntax.bigEndian());
        if (syntax.deflated()) {
            body = deflate(body);
        }
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    /** Encodes a data set without preamble or meta (for tests and for the bodies of other files). */
    public static byte[] encodeDataset(DicomObject dataset, boolean explicitVr, boolean bigEndian) {
        Encoder enc = new Encoder(explicitVr, bigEndian);
        enc.dataset(dataset, false);
        return enc.out.toByteArray();
    }

    /**
     * Puts an 8-bit image as native pixel data with the Image Pixel module: RGB (interleaved, planar configuration 0)
     * when {@code rgb}, otherwise MONOCHROME2 from the luminance of the image.
     */
    public static void putImage(DicomObject ds, BufferedImage image, boolean rgb) {
        int w = image.getWidth();
        int h = image.getHeight();
        int spp = rgb ? 3 : 1;
        byte[] pixels = new byte[w * h * spp];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = image.getRGB(x, y);
                int r = argb >> 16 & 0xFF;
                int g = argb >> 8 & 0xFF;
                int b = argb & 0xFF;
                if (rgb) {
                    pixels[i++] = (byte) r;
                    pixels[i++] = (byte) g;
                    pixels[i++] = (byte) b;
                } else if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
                    pixels[i++] = (byte) image.getRaster().getSample(x, y, 0);
                } else {
                    pixels[i++] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                }
            }
        }
        ds.putInts(Tag.SamplesPerPixel, VR.US, spp);
        ds.put(Tag.PhotometricInterpretation, VR.CS, rgb ? "RGB" : "MONOCHROME2");
        if (rgb) {
            ds.putInts(Tag.PlanarConfiguration, VR.US, 0);
        }
        ds.putInts(Tag.Rows, VR.US, h);
        ds.putInts(Tag.Columns, VR.US, w);
        ds.putInts(Tag.BitsAllocated, VR.US, 8);
        ds.putInts(Tag.BitsStored, VR.US, 8);
        ds.putInts(Tag.HighBit, VR.US, 7);
        ds.putInts(Tag.PixelRepresentation, VR.US, 0);
        ds.putBytes(Tag.PixelData, VR.OB, pixels);
    }

    private static void checkSyntax(DicomObject ds, TransferSyntax syntax) throws DicomException {
        DicomElement pixels = ds.element(Tag.PixelData);
        boolean fragments = pixels != null && pixels.isEncapsulated();
        if (fragments && !syntax.encapsulated()) {
            throw new DicomException("pixel data is encapsulated; it can only be written with the syntax it was "
                    + "compressed with, not " + syntax.displayName());
        }
        if (syntax.encapsulated() && pixels != null && !fragments) {
            throw new DicomException("cannot compress pixel data to " + syntax.displayName()
                    + "; the writer only encodes native pixel data uncompressed");
        }
        for (int tag : new int[] {Tag.SOPClassUID, Tag.SOPInstanceUID}) {
            String v = ds.string(tag);
            if (v == null || v.isEmpty()) {
                throw new DicomException("data set has no " + Tag.keyword(tag) + " " + Tag.toString(tag)
                        + "; the file meta information needs it");
            }
        }
    }

    private static void writeMeta(ByteArrayOutputStream out, DicomObject ds, TransferSyntax syntax) {
        DicomObject meta = new DicomObject();
        meta.putBytes(Tag.FileMetaInformationVersion, VR.OB, new byte[] {0, 1});
        meta.put(Tag.MediaStorageSOPClassUID, VR.UI, ds.string(Tag.SOPClassUID));
        meta.put(Tag.MediaStorageSOPInstanceUID, VR.UI, ds.string(Tag.SOPInstanceUID));
        meta.put(Tag.TransferSyntaxUID, VR.UI, syntax.uid());
        meta.put(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
        meta.put(Tag.ImplementationVersionName, VR.SH, versionName());
        Encoder metaEncoder = new Encoder(true, false);
        metaEncoder.dataset(meta, true);
        byte[] body = metaEncoder.out.toByteArray();
        // PS3.10 7.1: (0002,0000) counts the bytes after its own value up to the end of the meta group.
        meta = new DicomObject();
        meta.putInts(Tag.FileMetaInformationGroupLength, VR.UL, body.length);
        byte[] head = new Encoder(true, false).withGroupLengths().element(
                meta.element(Tag.FileMetaInformationGroupLength), meta).out.toByteArray();
        out.write(head, 0, head.length);
        out.write(body, 0, body.length);
    }

    private static String versionName() {
        String v = "STYLEXAUDIT_" + ToolInfo.version().replace("-SNAPSHOT", "");
        return v.length() <= 16 ? v : IMPLEMENTATION_VERSION_NAME;
    }

    private static byte[] deflate(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true); // PS3.5 A.5: raw deflate
        try (DeflaterOutputStream dos = new DeflaterOutputStream(out, d)) {
            dos.write(body);
        } catch (IOException e) {
            throw new IllegalStateException("deflating in memory cannot fail", e);
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    /** Serialises elements for one encoding. */
    private static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final boolean explicit;
        private final boolean bigEndian;
        private boolean keepGroupLengths;

        Encoder(boolean explicit, boolean bigEndian) {
            this.explicit = explicit;
            this.bigEndian = bigEndian;
        }

        Encoder withGroupLengths() {
            keepGroupLengths = true;
            return this;
        }

        void dataset(DicomObject ds, boolean inItem) {
            for (DicomElement e : ds.elements()) {
                // File meta elements belong to the meta group, which writeMeta encodes on its own.
                if (Tag.group(e.tag()) == 0x0002 && !inItem) {
                    continue;
                }
                if (Tag.element(e.tag()) == 0 && !keepGroupLengths) {
                    continue;
                }
                element(e, ds);
            }
        }

        Encoder element(DicomElement e, DicomObject owner) {
            if (e.isSequence()) {
                Encoder inner = new Encoder(explicit, bigEndian);
                for (DicomObject item : e.items()) {
                    Encoder ie = new Encoder(explicit, bigEndian);
                    ie.dataset(item, true);
                    byte[] body = ie.out.toByteArray();
                    inner.tag(Tag.Item, bigEndian);
                    inner.u32(body.length, bigEndian);
                    inner.out.write(body, 0, body.length);
                }
                byte[] body = inner.out.toByteArray();
                header(e.tag(), VR.SQ, body.length);
                out.write(body, 0, body.length);
            } else if (e.isEncapsulated()) {
                header(e.tag(), e.vr() == VR.OW ? VR.OW : VR.OB, 0xFFFFFFFFL);
                // PS3.5 A.4: fragment items are little endian even in an otherwise big endian stream.
                for (byte[] f : e.fragments()) {
                    tag(Tag.Item, false);
                    u32(f.length + (f.length & 1), false);
                    out.write(f, 0, f.length);
                    if ((f.length & 1) == 1) {
                        out.write(0);
                    }
                }
                tag(Tag.SequenceDelimitationItem, false);
                u32(0, false);
            } else {
                byte[] v = e.value();
                int padded = v.length + (v.length & 1);
                header(e.tag(), e.vr(), padded);
                byte[] w = v;
                if (bigEndian && e.vr().binarySize() > 1) {
                    w = v.clone();
                    DicomReader.swap(w, e.vr().binarySize());
                }
                out.write(w, 0, w.length);
                if ((v.length & 1) == 1) {
                    out.write(e.vr().padding()); // PS3.5 7.1.1: values have even length
                }
            }
            return this;
        }

        private void header(int tag, VR vr, long length) {
            tag(tag, bigEndian);
            if (!explicit) {
                u32(length, bigEndian);
                return;
            }
            VR written = vr;
            if (!vr.longLength() && length > 0xFFFF) {
                written = VR.UN; // a short-form VR cannot hold this length; PS3.5 6.2.2 allows UN
            }
            out.write(written.name().charAt(0));
            out.write(written.name().charAt(1));
            if (written.longLength()) {
                out.write(0);
                out.write(0);
                u32(length, bigEndian);
            } else {
                u16((int) length, bigEndian);
            }
        }

        private void tag(int tag, boolean be) {
            u16(Tag.group(tag), be);
            u16(Tag.element(tag), be);
        }

        private void u16(int v, boolean be) {
            if (be) {
                out.write(v >> 8 & 0xFF);
                out.write(v & 0xFF);
            } else {
                out.write(v & 0xFF);
                out.write(v >> 8 & 0xFF);
            }
        }

        private void u32(long v, boolean be) {
            if (be) {
                u16((int) (v >>> 16 & 0xFFFF), true);
                u16((int) (v & 0xFFFF), true);
            } else {
                u16((int) (v & 0xFFFF), false);
                u16((int) (v >>> 16 & 0xFFFF), false);
            }
        }
    }

}
