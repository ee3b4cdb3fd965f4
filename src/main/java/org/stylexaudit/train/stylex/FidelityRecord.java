package org.stylexaudit.train.stylex;

import java.util.Map;

/**
 * Records how faithfully the exported networks reproduce held-out images, measured on the moving-average weights.
 *
 * @param images number of held-out images measured
 * @param argmaxAgreement share of images whose classifier argmax is the same for x and G(E(x))
 * @param meanAbsDeltaP mean over images of the total-variation distance between C(x) and C(G(E(x)))
 *        (half the summed |difference| of class probabilities; equals |delta p| for two classes)
 * @param psnr mean reconstruction PSNR in dB on images in [0,1]
 * @param probeCorrelations Pearson r of each probe reading between originals and reconstructions (null when a
 *        reading is constant over the images)
 * @param probeMeans mean of each probe reading over the originals and over the reconstructions, {x, G(E(x))}: next
 *        to r it tells a reconstruction that draws too few or too faint lesions (lower mean) from one that draws
 *        as many in no relation to the original's (same mean, low r)
 * @param contactSheet file name of the contact sheet (originals above reconstructions) beside bundle.json
 */
public record FidelityRecord(int images, double argmaxAgreement, double meanAbsDeltaP, double psnr,
        Map<String, Double> probeCorrelations, Map<String, double[]> probeMeans, String contactSheet) {
}
