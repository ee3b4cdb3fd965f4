package org.stylexaudit.synth.probe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the probes measured on one image. Lengths are in field-of-view units (FOV radius = 1), as in the ground
 * truth, so readings from images of different sizes compare directly. Names in {@link #asMap()} match the
 * ground-truth columns they estimate.
 *
 * @param fovRadiusPx detected FOV radius in pixels of the measured image
 * @param redLesions count of dark-red blobs (microaneurysms and haemorrhages)
 * @param redLesionArea total red-lesion area, in FOV units squared
 * @param hardExudates count of bright yellow blobs
 * @param exudateArea total exudate area, FOV units squared
 * @param cottonWoolSpots count of pale whitish blobs
 * @param discX optic disc centre x
 * @param discY optic disc centre y
 * @param discRadius optic disc radius
 * @param cupToDisc cup radius over disc radius
 * @param vesselCalibre typical width of the main vessels, FOV units
 * @param castWarmth ln(mean red / mean blue) over the fundus, minus the value of a neutral camera
 * @param castGreen ln(mean green / geometric mean of red and blue), minus the value of a neutral camera
 * @param blur estimated optical blur (Gaussian sigma), FOV units
 */
public record ProbeReading(double fovRadiusPx, int redLesions, double redLesionArea, int hardExudates,
        double exudateArea, int cottonWoolSpots, double discX, double discY, double discRadius, double cupToDisc,
        double vesselCalibre, double castWarmth, double castGreen, double blur) {

    /** Returns every reading by name, in a stable order (names follow ground-truth.csv columns). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("red_lesions", (double) redLesions);
        m.put("red_lesion_area", redLesionArea);
        m.put("hard_exudates", (double) hardExudates);
        m.put("exudate_area", exudateArea);
        m.put("cotton_wool_spots", (double) cottonWoolSpots);
        m.put("disc_x", discX);
        m.put("disc_y", discY);
        m.put("disc_radius", discRadius);
        m.put("cup_to_disc", cupToDisc);
        m.put("vessel_calibre", vesselCalibre);
        m.put("cast_warmth", castWarmth);
        m.put("cast_green", castGreen);
        m.put("blur", blur);
        m.put("fov_radius_px", fovRadiusPx);
        return m;
    }
}
