package org.stylexaudit.dicom;

/**
 * Holds one decoded frame as stored sample values, for exact comparisons: decompressed, masked to Bits Stored,
 * sign-extended when Pixel Representation is 1, samples interleaved (planar configuration resolved), YBR_FULL_422
 * expanded to one Cb/Cr pair per pixel. Colour is left in the data set's photometric interpretation; Modality
 * and VOI transforms are not applied (see {@link ImageDecoder#decodeFrame}).
 *
 * @param rows image height
 * @param columns image width
 * @param samplesPerPixel 1 or 3
 * @param bitsStored significant bits per sample
 * @param signed whether samples are two's complement
 * @param photometric photometric interpretation of {@code samples} (YBR_FULL_422 becomes YBR_FULL)
 * @param samples {@code rows * columns * samplesPerPixel} values, row by row, samples of a pixel adjacent
 */
public record PixelFrame(int rows, int columns, int samplesPerPixel, int bitsStored, boolean signed,
        String photometric, int[] samples) {

    /** Returns sample {@code s} of the pixel at column {@code x}, row {@code y}. */
    public int sample(int x, int y, int s) {
        return samples[(y * columns + x) * samplesPerPixel + s];
    }
}
