package org.stylexaudit.synth;

/**
 * The fundus cameras of the synthetic archive. Each has its own colour cast (per-channel gains), which is the
 * acquisition factor the planted shortcut ties to the label.
 */
public enum CameraModel {
    /** Warm cast (red up, blue down); with a shortcut it images the referable eyes. */
    AURORA_FX50("Aurora Optics", "FX-50", 1.12, 1.00, 0.78, 0.004),
    /** Cool cast (blue up); with a shortcut it images the non-referable eyes. */
    BOREAL_NC2("Boreal Imaging", "NC-2", 0.88, 0.98, 1.30, 0.006),
    /** Nearly neutral cast. */
    CASCADE_K7("Cascade Medical", "K7", 1.00, 1.00, 1.02, 0.003),
    /** Green-leaning cast. */
    DELTA_RX3("Delta Vision", "RX-3", 0.96, 1.10, 1.06, 0.008);

    private final String manufacturer;
    private final String modelName;
    private final double gainR;
    private final double gainG;
    private final double gainB;
    private final double sensorNoise;

    CameraModel(String manufacturer, String modelName, double gainR, double gainG, double gainB,
            double sensorNoise) {
        this.manufacturer = manufacturer;
        this.modelName = modelName;
        this.gainR = gainR;
        this.gainG = gainG;
        this.gainB = gainB;
        this.sensorNoise = sensorNoise;
    }

    /** Returns the manufacturer written to DICOM (0008,0070). */
    public String manufacturer() {
        return manufacturer;
    }

    /** Returns the model name written to DICOM (0008,1090). */
    public String modelName() {
        return modelName;
    }

    /** Returns the nominal red gain. */
    public double gainR() {
        return gainR;
    }

    /** Returns the nominal green gain. */
    public double gainG() {
        return gainG;
    }

    /** Returns the nominal blue gain. */
    public double gainB() {
        return gainB;
    }

    /** Returns the camera's base noise level (standard deviation on a 0..1 scale). */
    public double sensorNoise() {
        return sensorNoise;
    }

    /** Returns the camera the shortcut assigns to a label: warm for referable, cool for non-referable. */
    public static CameraModel shortcutCamera(boolean referable) {
        return referable ? AURORA_FX50 : BOREAL_NC2;
    }
}
