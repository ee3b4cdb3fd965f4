package org.stylexaudit.synth;

/**
 * Settings of one generator run. The same configuration always produces the same files.
 *
 * @param count number of images
 * @param seed master seed; every other seed is drawn from it before any image is rendered
 * @param resolution image side in pixels (square images)
 * @param shortcutStrength 0 = camera independent of the label, 1 = camera determined by the label
 * @param labelNoise probability that an image's label is flipped after the rule
 * @param format archive (DICOM + exports) or flat PNG
 */
public record SynthConfig(int count, long seed, int resolution, double shortcutStrength, double labelNoise,
        OutputFormat format) {

    /** Default image side. */
    public static final int DEFAULT_RESOLUTION = 256;
    /** Default shortcut strength: camera follows the label for 80% of visits. */
    public static final double DEFAULT_SHORTCUT = 0.8;
    /** Default label noise. */
    public static final double DEFAULT_LABEL_NOISE = 0.03;

    /** Checks the ranges; the message says what was expected. */
    public SynthConfig {
        if (count < 1) {
            throw new IllegalArgumentException("expected a count of at least 1, got " + count);
        }
        if (resolution < 32 || resolution > 4096) {
            throw new IllegalArgumentException("expected a resolution between 32 and 4096 px, got " + resolution);
        }
        if (!(shortcutStrength >= 0 && shortcutStrength <= 1)) {
            throw new IllegalArgumentException("expected a shortcut strength between 0 and 1, got "
                    + shortcutStrength);
        }
        if (!(labelNoise >= 0 && labelNoise <= 0.5)) {
            throw new IllegalArgumentException("expected a label noise between 0 and 0.5, got " + labelNoise);
        }
        if (format == null) {
            throw new IllegalArgumentException("expected an output format");
        }
    }

    /** Returns a configuration with the defaults for everything but count and seed. */
    public static SynthConfig defaults(int count, long seed) {
        return new SynthConfig(count, seed, DEFAULT_RESOLUTION, DEFAULT_SHORTCUT, DEFAULT_LABEL_NOISE,
                OutputFormat.ARCHIVE);
    }
}
