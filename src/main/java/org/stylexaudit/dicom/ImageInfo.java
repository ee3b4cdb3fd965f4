package org.stylexaudit.dicom;

/** Collects and checks the Image Pixel module attributes (PS3.3 C.7.6.3) the decoder needs. */
record ImageInfo(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
        boolean signed, int planarConfiguration, String photometric, int frames, TransferSyntax syntax) {

    /** Reads the attributes and refuses combinations the decoder does not handle, with a one-line reason. */
    static ImageInfo of(DicomObject ds, ReadLimits limits) throws DicomException {
        if (!ds.contains(Tag.PixelData)) {
            String kind = ds.contains(Tag.FloatPixelData) || ds.contains(Tag.DoubleFloatPixelData)
                    ? "float pixel data, which is not supported" : "no pixel data (not an image)";
            String sopClass = ds.string(Tag.SOPClassUID) != null ? ds.string(Tag.SOPClassUID)
                    : ds.fileMeta() == null ? null : ds.fileMeta().string(Tag.MediaStorageSOPClassUID);
            if ((ds.contains(Tag.Rows) && ds.contains(Tag.Columns)) || Uids.name(sopClass).contains("Image Storage")) {
                // An image object (by its SOP class or its pixel module) without pixel data: the file was cut.
                throw new LimitExceededException("an image object without pixel data: the file ends before it "
                        + "(truncated?)");
            }
            if (ds.warnings().stream().anyMatch(w -> w.contains("trailing bytes"))) {
                // No pixel data, and the file stops inside an element header: far more often a cut copy than a
                // non-image object with junk at its end, so say so rather than "not an image".
                throw new LimitExceededException("no pixel data, and the file ends inside an element header "
                        + "(truncated?)");
            }
            throw new UnsupportedSyntaxException("data set has " + kind);
        }
        String tsUid = ds.transferSyntax() == null ? Uids.ExplicitVRLittleEndian : ds.transferSyntax();
        TransferSyntax ts = TransferSyntax.of(tsUid);
        if (ts == null) {
            throw new UnsupportedSyntaxException("transfer syntax " + tsUid + " is not supported; ask the archive "
                    + "to transcode to Explicit VR Little Endian");
        }
        if (!ts.pixelsSupported()) {
            throw new UnsupportedSyntaxException(ts.refusal());
        }
        int rows = ds.intValue(Tag.Rows, 0);
        int columns = ds.intValue(Tag.Columns, 0);
        int spp = ds.intValue(Tag.SamplesPerPixel, 1);
        int bitsAllocated = ds.intValue(Tag.BitsAllocated, 0);
        int bitsStored = ds.intValue(Tag.BitsStored, bitsAllocated);
        int highBit = ds.intValue(Tag.HighBit, bitsStored - 1);
        boolean signed = ds.intValue(Tag.PixelRepresentation, 0) == 1;
        int planar = ds.intValue(Tag.PlanarConfiguration, 0);
        String photometric = ds.string(Tag.PhotometricInterpretation, spp == 3 ? "RGB" : "MONOCHROME2")
                .toUpperCase(java.util.Locale.ROOT);
        int frames = Math.max(1, ds.intValue(Tag.NumberOfFrames, 1));
        if (rows <= 0 || columns <= 0) {
            throw new DicomException("image has Rows " + rows + " and Columns " + columns + "; both must be positive");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new UnsupportedSyntaxException("Bits Allocated " + bitsAllocated + " is not supported (8, 16 or 32)");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw new DicomException("inconsistent Bits Stored " + bitsStored + " / High Bit " + highBit
                    + " for Bits Allocated " + bitsAllocated);
        }
        boolean color = switch (photometric) {
            case "MONOCHROME1", "MONOCHROME2", "PALETTE COLOR" -> false;
            case "RGB", "YBR_FULL", "YBR_FULL_422" -> true;
            default -> throw new UnsupportedSyntaxException("Photometric Interpretation " + photometric
                    + " is not supported");
        };
        if (spp != (color ? 3 : 1)) {
            throw new DicomException("Photometric Interpretation " + photometric + " needs Samples per Pixel "
                    + (color ? 3 : 1) + ", found " + spp);
        }
        if (color && bitsAllocated == 32) {
            throw new UnsupportedSyntaxException("32-bit colour images are not supported");
        }
        long samples = (long) rows * columns * frames * spp;
        if (samples > limits.maxPixelSamples()) {
            throw new LimitExceededException("image of " + rows + " x " + columns + " x " + frames + " frames x "
                    + spp + " samples exceeds the pixel budget of " + limits.maxPixelSamples() + " samples");
        }
        return new ImageInfo(rows, columns, spp, bitsAllocated, bitsStored, highBit, signed, planar, photometric,
                frames, ts);
    }

    /** Returns the number of pixels in one frame. */
    int pixels() {
        return rows * columns;
    }

    /** Returns the byte size of one native (uncompressed) frame. */
    long frameBytes() {
        if (photometric.equals("YBR_FULL_422")) {
            return (long) rows * columns * 2 * (bitsAllocated / 8); // PS3.3 C.7.6.3.1.2: Y Y Cb Cr per 2 pixels
        }
        return (long) rows * columns * samplesPerPixel * (bitsAllocated / 8);
    }
}
