package org.stylexaudit.synth;

import java.util.List;
import java.util.Objects;

/**
 * Every factor one synthetic fundus image is drawn from. Lengths and positions are in field-of-view units: the FOV
 * radius is 1, the origin is the FOV centre, x grows to the image right and y downwards. The image is a pure
 * function of these factors (the seed only drives texture and the vessel tree).
 *
 * @param imageSeed seed of the texture, the vessel tree and the noise
 * @param laterality which eye; decides on which side the optic disc lies
 * @param pigmentation fundus pigmentation, 0 = light orange, 1 = dark brown-red
 * @param texture strength of the choroidal mottling, 0..1
 * @param illuminationFalloff relative brightness lost at the FOV rim, 0..1
 * @param exposure overall exposure multiplier
 * @param discX optic disc centre x
 * @param discY optic disc centre y
 * @param discRadius optic disc (horizontal) radius; the disc is 8% taller than wide
 * @param cupToDisc cup-to-disc ratio (cup radius over disc radius)
 * @param maculaX fovea x
 * @param maculaY fovea y
 * @param maculaDarkness relative darkening at the fovea, 0..1
 * @param vesselCalibre multiplier of all vessel widths (1 = typical)
 * @param vesselTortuosity vessel tortuosity, 0 = smooth arcs, 1 = very tortuous
 * @param lesions every lesion drawn
 * @param camera the camera model
 * @param castR red gain of this acquisition (camera gain times white-balance jitter)
 * @param castG green gain
 * @param castB blue gain
 * @param blur standard deviation of the optical blur, in FOV units
 * @param noise standard deviation of the sensor noise on a 0..1 intensity scale
 */
public record FundusFactors(long imageSeed, Laterality laterality, double pigmentation, double texture,
        double illuminationFalloff, double exposure, double discX, double discY, double discRadius,
        double cupToDisc, double maculaX, double maculaY, double maculaDarkness, double vesselCalibre,
        double vesselTortuosity, List<Lesion> lesions, CameraModel camera, double castR, double castG,
        double castB, double blur, double noise) {

    /** The FOV radius as a fraction of the image side: the circle leaves a thin black margin. */
    public static final double FOV_FRACTION = 0.46;

    /** Validates and freezes the lesion list. */
    public FundusFactors {
        Objects.requireNonNull(laterality, "laterality");
        Objects.requireNonNull(camera, "camera");
        lesions = List.copyOf(lesions);
    }

    /** Returns how many lesions of a type are drawn. */
    public int count(LesionType type) {
        int n = 0;
        for (Lesion l : lesions) {
            if (l.type() == type) {
                n++;
            }
        }
        return n;
    }

    /** Returns microaneurysms plus haemorrhages: the red-lesion count the probes estimate. */
    public int redLesions() {
        return count(LesionType.MICROANEURYSM) + count(LesionType.HAEMORRHAGE);
    }

    /** Returns the warm/cool colour cast, ln(red gain / blue gain); positive is warm. */
    public double castWarmth() {
        return Math.log(castR / castB);
    }

    /** Returns the green colour cast, ln(green gain / geometric mean of red and blue gains). */
    public double castGreen() {
        return Math.log(castG / Math.sqrt(castR * castB));
    }
}
