package org.stylexaudit.synth;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.stylexaudit.dicom.DicomException;
import org.stylexaudit.dicom.DicomWriter;

/** Writes one rendered image in the format its ground-truth row names. */
final class ImageFiles {

    private static final float JPEG_QUALITY = 0.92f;

    private ImageFiles() {
    }

    static void write(Path file, GroundTruthRow row, BufferedImage img) throws SynthException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            switch (row.format()) {
                case "dicom" -> DicomWriter.write(file, OphthalmicDicom.dataset(row, img));
                case "jpeg" -> writeJpeg(file, img, row);
                default -> {
                    if (row.file().startsWith("images/")) {
                        writePlainPng(file, img);
                    } else {
                        writeTaggedPng(file, img, row);
                    }
                }
            }
        } catch (IOException | DicomException e) {
            throw new SynthException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writePlainPng(Path file, BufferedImage img) throws IOException {
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /** Exports keep identifying data in PNG text chunks, as some camera software does: PHI outside DICOM. */
    private static void writeTaggedPng(Path file, BufferedImage img, GroundTruthRow row) throws IOException {
        ImageWriter writer = writer("png");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            for (Map.Entry<String, String> e : identity(row).entrySet()) {
                IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                entry.setAttribute("keyword", e.getKey());
                entry.setAttribute("value", e.getValue());
                text.appendChild(entry);
            }
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(text);
            md.mergeTree("javax_imageio_png_1.0", root);
            writer.write(null, new IIOImage(img, null, md), param);
        } finally {
            writer.dispose();
        }
    }

    /** JPEG exports carry the identity in a comment (COM) segment. */
    private static void writeJpeg(Path file, BufferedImage img, GroundTruthRow row) throws IOException {
        ImageWriter writer = writer("jpeg");
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
            addJpegComment(md, identity(row).toString());
            writer.write(null, new IIOImage(img, null, md), param);
        } finally {
            writer.dispose();
        }
    }

    private static void addJpegComment(IIOMetadata md, String comment) throws IIOInvalidTreeException {
        String format = "javax_imageio_jpeg_image_1.0";
        if (!java.util.Arrays.asList(md.getMetadataFormatNames()).contains(format)) {
            return; // another JPEG plug-in: skip the comment rather than fail the export
        }
        IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(format);
        IIOMetadataNode seq = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode com = new IIOMetadataNode("com");
        com.setAttribute("comment", comment);
        seq.appendChild(com);
        md.setFromTree(format, root);
    }

    private static Map<String, String> identity(GroundTruthRow row) {
        java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
        // Insertion-ordered so the written bytes do not depend on hash order.
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("PatientName", row.patient().dicomName());
        m.put("PatientID", row.patient().id());
        m.put("PatientBirthDate", row.patient().birthDate().format(day));
        m.put("StudyDate", row.studyDate().format(day));
        m.put("Laterality", row.factors().laterality().clinicalCode());
        m.put("SOPInstanceUID", row.sopInstanceUid());
        m.put("Camera", row.factors().camera().manufacturer() + " " + row.factors().camera().modelName());
        return m;
    }

    private static ImageWriter writer(String format) throws IOException {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        if (!it.hasNext()) {
            throw new IOException("no " + format + " writer available");
        }
        return it.next();
    }
}
