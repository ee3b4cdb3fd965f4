package org.stylexaudit.attfind;

import java.util.List;

/**
 * The analysed images after encoding: keys, style vectors, and the classifier's probabilities on the originals and
 * on their reconstructions G(s), which are the baseline of every effect.
 *
 * @param keys keyed hashes of the images (never paths or UIDs)
 * @param styles concatenated style vectors, one per image
 * @param original class probabilities of the original images
 * @param reconstructed class probabilities of the reconstructions
 * @param psnr per image, reconstruction PSNR in dB on the 8-bit scale
 */
public record EncodedImages(List<String> keys, float[][] styles, float[][] original, float[][] reconstructed,
        double[] psnr) {

    /** Copies the key list. */
    public EncodedImages {
        keys = List.copyOf(keys);
    }

    /** Returns the number of images. */
    public int size() {
        return keys.size();
    }

    /** Returns the class predicted for the reconstruction of image {@code i} (the baseline AttFind moves from). */
    public int predicted(int i) {
        return StyleEvaluator.argmax(reconstructed[i]);
    }
}
