package org.stylexaudit.attfind;

import java.util.List;

/**
 * Everything one AttFind run found.
 *
 * @param config the parameters
 * @param classNames the classifier's classes
 * @param images the encoded images
 * @param range per style coordinate, min and max over the images
 * @param effects the measured effects
 * @param stable per image, whether it was kept (not unstable)
 * @param attributes the selected attributes, class by class
 * @param rankings per stable image, its strongest columns
 * @param sufficiency share of decisions flipped by the top 1..k attributes
 * @param alignment per attribute, probed factor changes (strongest first)
 * @param evaluations style vectors synthesised and classified
 * @param seconds wall-clock time of the search (encoding to metrics)
 * @param notes one-line remarks for the operator, such as a class that got fewer than k attributes
 */
public record DiscoveryResult(AttFindConfig config, List<String> classNames, EncodedImages images, StyleRange range,
        EffectTable effects, boolean[] stable, List<Attribute> attributes, List<ImageRanking> rankings,
        double[] sufficiency, List<FactorAlignment> alignment, long evaluations, double seconds,
        List<String> notes) {

    /** Copies the lists. */
    public DiscoveryResult {
        classNames = List.copyOf(classNames);
        attributes = List.copyOf(attributes);
        rankings = List.copyOf(rankings);
        alignment = List.copyOf(alignment);
        notes = List.copyOf(notes);
    }

    /** Returns the number of stable images. */
    public int stableCount() {
        int n = 0;
        for (boolean s : stable) {
            n += s ? 1 : 0;
        }
        return n;
    }

    /** Returns the attributes of one class, best first. */
    public List<Attribute> attributesOf(int classIndex) {
        return attributes.stream().filter(a -> a.targetClass() == classIndex).toList();
    }

    /** Returns the share of images whose reconstruction gets the original's predicted class. */
    public double reconstructionAgreement() {
        int same = 0;
        for (int i = 0; i < images.size(); i++) {
            same += StyleEvaluator.argmax(images.original()[i]) == images.predicted(i) ? 1 : 0;
        }
        return same / (double) images.size();
    }

    /** Returns the mean over images and classes of |p(x) - p(G(E(x)))|. */
    public double meanAbsProbabilityChange() {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < images.size(); i++) {
            for (int c = 0; c < classNames.size(); c++) {
                sum += Math.abs(images.original()[i][c] - images.reconstructed()[i][c]);
                n++;
            }
        }
        return sum / n;
    }

    /** Returns the mean reconstruction PSNR in dB. */
    public double meanPsnr() {
        double sum = 0;
        for (double p : images.psnr()) {
            sum += Math.min(p, 99); // identical images have infinite PSNR; cap so the mean stays finite
        }
        return sum / images.size();
    }
}
