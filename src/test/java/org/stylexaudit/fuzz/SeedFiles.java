package org.stylexaudit.fuzz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.stylexaudit.dicom.DicomException;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomWriter;
import org.stylexaudit.dicom.Tag;
import org.stylexaudit.dicom.TransferSyntax;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.dicom.VR;

/**
 * Makes small, valid seed files for the fuzzers: one DICOM file per transfer syntax the decoder supports that the
 * committed dcmtk files do not already cover, and tiny PNG, JPEG and TIFF images. Small seeds keep every fuzzer
 * execution cheap. {@code main} writes them into the regression corpus folders once; tests call the builders.
 */
public final class SeedFiles {

    private SeedFiles() {
    }

    /** Returns named DICOM seeds: native syntaxes, deflate, RLE and JPEG baseline, grey and colour. */
    public static Map<String, byte[]> dicom() throws DicomException, IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        BufferedImage grey = pattern(12, 8, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage rgb = pattern(10, 6, BufferedImage.TYPE_INT_RGB);
        out.put("implicit-le-mono8.dcm", DicomWriter.encode(image(grey, false), TransferSyntax.IMPLICIT_VR_LE));
        out.put("explicit-le-rgb.dcm", DicomWriter.encode(image(rgb, true), TransferSyntax.EXPLICIT_VR_LE));
        out.put("explicit-be-mono8.dcm", DicomWriter.encode(image(grey, false), TransferSyntax.EXPLICIT_VR_BE));
        out.put("deflated-rgb.dcm", DicomWriter.encode(image(rgb, true), TransferSyntax.DEFLATED_EXPLICIT_VR_LE));
        out.put("sequence-mono8.dcm", DicomWriter.encode(withSequence(image(grey, false)),
                TransferSyntax.EXPLICIT_VR_LE));
        out.put("rle-mono8.dcm", DicomWriter.encode(rle(grey), TransferSyntax.RLE_LOSSLESS));
        out.put("jpeg-baseline-mono8.dcm", DicomWriter.encode(jpegBaseline(grey), TransferSyntax.JPEG_BASELINE));
        return out;
    }

    /** Returns named seeds for the plain image reader: PNG (grey, colour), JPEG and TIFF. */
    public static Map<String, byte[]> plainImages() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("grey.png", encode(pattern(9, 7, BufferedImage.TYPE_BYTE_GRAY), "png"));
        out.put("rgb.png", encode(pattern(8, 8, BufferedImage.TYPE_INT_RGB), "png"));
        out.put("rgb.jpg", encode(pattern(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg"));
        out.put("grey.tif", encode(pattern(8, 6, BufferedImage.TYPE_BYTE_GRAY), "tiff"));
        return out;
    }

    /** A deterministic image with every channel varying, so decoders cannot take a flat-colour shortcut. */
    public static BufferedImage pattern(int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (x * 29 + y * 7) % 256 << 16 | (y * 41 + x * 3) % 256 << 8 | (x * y * 13) % 256);
            }
        }
        return img;
    }

    /** Encodes an image with ImageIO in the given format name. */
    public static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /** A minimal ophthalmic photography data set holding {@code img} as native pixel data. */
    public static DicomObject image(BufferedImage img, boolean rgb) {
        DicomObject ds = new DicomObject();
        ds.put(Tag.SOPClassUID, VR.UI, Uids.OphthalmicPhotography8BitImageStorage);
        ds.put(Tag.SOPInstanceUID, VR.UI, "2.25.1" + img.getWidth() + img.getHeight() + (rgb ? 3 : 1));
        ds.put(Tag.StudyInstanceUID, VR.UI, "2.25.42");
        ds.put(Tag.Modality, VR.CS, "OP");
        DicomWriter.putImage(ds, img, rgb);
        return ds;
    }

    private static DicomObject withSequence(DicomObject ds) {
        DicomObject item = new DicomObject();
        item.put(Tag.Modality, VR.CS, "OP");
        DicomObject inner = new DicomObject();
        inner.put(Tag.StudyInstanceUID, VR.UI, "2.25.43");
        item.putSequence(Tag.ReferencedImageSequence, List.of(inner));
        ds.putSequence(Tag.ReferencedImageSequence, List.of(item));
        return ds;
    }

    private static DicomObject rle(BufferedImage grey) {
        DicomObject ds = image(grey, false);
        byte[] samples = ds.bytes(Tag.PixelData);
        ds.setTransferSyntax(Uids.RLELossless);
        // PS3.5 G.3: header of 16 little-endian offsets, then one segment per byte plane (literal runs here).
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        for (int i = 0; i < samples.length; i += 128) {
            int n = Math.min(128, samples.length - i);
            segment.write(n - 1);
            segment.write(samples, i, n);
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int[] header = new int[16];
        header[0] = 1;
        header[1] = 64;
        for (int v : header) {
            frame.write(v & 0xFF);
            frame.write(v >> 8 & 0xFF);
            frame.write(v >> 16 & 0xFF);
            frame.write(v >>> 24);
        }
        frame.writeBytes(segment.toByteArray());
        if (frame.size() % 2 != 0) {
            frame.write(0);
        }
        ds.putFragments(Tag.PixelData, VR.OB, List.of(new byte[0], frame.toByteArray()));
        return ds;
    }

    private static DicomObject jpegBaseline(BufferedImage grey) throws IOException {
        DicomObject ds = image(grey, false);
        ds.setTransferSyntax(Uids.JPEGBaseline8Bit);
        byte[] jpeg = encode(grey, "jpeg");
        List<byte[]> fragments = new ArrayList<>();
        fragments.add(new byte[0]);
        fragments.add(jpeg.length % 2 == 0 ? jpeg : java.util.Arrays.copyOf(jpeg, jpeg.length + 1));
        ds.putFragments(Tag.PixelData, VR.OB, fragments);
        return ds;
    }

    /** Writes the seeds into the regression corpus folders: {@code SeedFiles <src/test/resources>}. */
    public static void main(String[] args) throws Exception {
        Path resources = Path.of(args.length > 0 ? args[0] : "src/test/resources");
        write(resources.resolve("org/stylexaudit/fuzz/DicomFuzzTestInputs/readAndDecode"), dicom());
        try (var files = Files.list(resources.resolve("dicom"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".dcm")).toList()) {
                write(resources.resolve("org/stylexaudit/fuzz/DicomFuzzTestInputs/readAndDecode"),
                        Map.of("dcmtk-" + p.getFileName(), Files.readAllBytes(p)));
            }
        }
        write(resources.resolve("org/stylexaudit/ingest/PlainImageReaderFuzzTestInputs/read"), plainImages());
    }

    private static void write(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve("seed-" + e.getKey()), e.getValue());
        }
    }
}
