package org.stylexaudit.synth.probe;

import java.awt.image.BufferedImage;

/**
 * Measures the main fundus factors on any fundus photograph (synthetic, reconstructed or real-looking, any size
 * from 64 px up). Everything is deterministic. Lesions are found on a canonical grid relative to a median
 * background (so illumination and camera cast cancel): red lesions are much darker than the background in green,
 * hard exudates bright and yellow (blue rises little), cotton-wool spots bright and whitish (blue rises most).
 *
 * <pre>{@code
 * ProbeReading r = FactorProbes.measure(ImageIO.read(file));
 * double redLesions = r.asMap().get("red_lesions");
 * }</pre>
 */
public final class FactorProbes {

    /** Green darker than this fraction below the background marks a red lesion (vessels stay above it). */
    static final double RED_CONTRAST = -0.45;
    /** Green brighter than this fraction above the background marks a bright lesion. */
    static final double BRIGHT_CONTRAST = 0.35;
    /** Blue/green ratio, relative to the background's, below which a bright lesion is a yellow exudate. */
    static final double EXUDATE_MAX_BLUENESS = 0.92;
    /** Blue/green ratio, relative to the background's, above which a bright lesion is a cotton-wool spot. */
    static final double COTTON_WOOL_MIN_BLUENESS = 1.4;
    /** Smallest lesion counted, FOV units squared (a disc of radius 0.02). */
    static final double MIN_LESION_AREA = Math.PI * 0.02 * 0.02;
    /** Largest blob counted as one lesion, FOV units squared (a disc of radius 0.2). */
    static final double MAX_LESION_AREA = Math.PI * 0.2 * 0.2;
    /** Background green below this (0..1) is too dark to analyse: outside the FOV or an unlit image. */
    static final double MIN_BACKGROUND = 0.03;
    /** ln(R/B) and ln(G/sqrt(RB)) of a neutral camera on the synthetic fundus; subtracted so a neutral cast is 0. */
    static final double NEUTRAL_WARMTH = 1.405;
    static final double NEUTRAL_GREEN = -0.008;

    private FactorProbes() {
    }

    /** Measures one image. */
    public static ProbeReading measure(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] src = img.getRGB(0, 0, w, h, null, 0, w);
        FovGeometry fov = FovGeometry.detect(img);
        Canonical c = Canonical.of(img, fov);
        DiscProbe.Disc disc = DiscProbe.measure(c, src, w, h, fov);
        int n = Canonical.N;
        // The disc and its surroundings neither vote for the background nor count as lesions.
        double exclusion = Math.max(0.22, disc.radius() * 1.35);
        boolean[] use = new boolean[n * n];
        for (int i = 0; i < use.length; i++) {
            use[i] = c.inside[i] && Math.hypot(Canonical.u(i % n) - disc.x(), Canonical.u(i / n) - disc.y())
                    > exclusion;
        }
        float[] bgR = Background.of(c.r, use);
        float[] bgG = Background.of(c.g, use);
        float[] bgB = Background.of(c.b, use);
        boolean[] red = new boolean[n * n];
        boolean[] exudate = new boolean[n * n];
        boolean[] cottonWool = new boolean[n * n];
        float[] darkness = new float[n * n];
        for (int i = 0; i < use.length; i++) {
            if (!use[i] || bgG[i] < MIN_BACKGROUND) {
                continue;
            }
            double relG = c.g[i] / bgG[i] - 1;
            double blueness = (c.b[i] / Math.max(c.g[i], 1e-3)) / (bgB[i] / bgG[i]);
            red[i] = relG < RED_CONTRAST && c.r[i] / bgR[i] < 0.85;
            exudate[i] = relG > BRIGHT_CONTRAST && blueness < EXUDATE_MAX_BLUENESS;
            cottonWool[i] = relG > BRIGHT_CONTRAST * 0.7 && blueness > COTTON_WOOL_MIN_BLUENESS;
            darkness[i] = (float) Math.max(0, -relG);
        }
        int minArea = (int) Math.ceil(MIN_LESION_AREA * Canonical.RADIUS_PX * Canonical.RADIUS_PX);
        int maxArea = (int) (MAX_LESION_AREA * Canonical.RADIUS_PX * Canonical.RADIUS_PX);
        Blobs.Result reds = Blobs.count(red, minArea, maxArea);
        Blobs.Result exudates = Blobs.count(exudate, minArea / 2, maxArea);
        Blobs.Result cws = Blobs.count(cottonWool, minArea * 2, maxArea);
        removeRedLesions(darkness, red);
        double calibre = VesselProbe.calibre(darkness, disc);
        double[] cast = cast(c, use);
        double blur = BlurProbe.measure(src, w, h, fov, disc);
        return new ProbeReading(fov.radius(), reds.count(), Canonical.area(reds.area()), exudates.count(),
                Canonical.area(exudates.area()), cws.count(), disc.x(), disc.y(), disc.radius(), disc.cupToDisc(),
                calibre, cast[0], cast[1], blur);
    }

    /** Clears the darkness of red lesions and a 3-pixel rim around them, so blots do not pass for vessels. */
    private static void removeRedLesions(float[] darkness, boolean[] red) {
        int n = Canonical.N;
        boolean[] near = new boolean[red.length];
        for (int i = 0; i < red.length; i++) {
            if (!red[i]) {
                continue;
            }
            for (int dy = -3; dy <= 3; dy++) {
                for (int dx = -3; dx <= 3; dx++) {
                    int x = i % n + dx;
                    int y = i / n + dy;
                    if (x >= 0 && y >= 0 && x < n && y < n) {
                        near[y * n + x] = true;
                    }
                }
            }
        }
        for (int i = 0; i < red.length; i++) {
            if (near[i]) {
                darkness[i] = 0;
            }
        }
    }

    /** Returns warmth and green cast from the mean colour of the fundus outside the disc. */
    private static double[] cast(Canonical c, boolean[] use) {
        double sr = 0;
        double sg = 0;
        double sb = 0;
        for (int i = 0; i < use.length; i++) {
            if (use[i]) {
                sr += c.r[i];
                sg += c.g[i];
                sb += c.b[i];
            }
        }
        sr = Math.max(sr, 1e-6);
        sg = Math.max(sg, 1e-6);
        sb = Math.max(sb, 1e-6);
        return new double[] {Math.log(sr / sb) - NEUTRAL_WARMTH, Math.log(sg / Math.sqrt(sr * sb)) - NEUTRAL_GREEN};
    }
}
