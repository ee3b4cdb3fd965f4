package org.stylexaudit.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stylexaudit.attfind.ColourProbe;
import org.stylexaudit.synth.probe.FactorProbes;
import org.stylexaudit.train.stylex.ImageProbe;

/**
 * The measurements AttFind aligns attributes with in an audit: the generic colour probe (what {@code discover}
 * uses) plus the fundus factor probes (lesions, disc, vessels, blur), which name attributes in clinical terms.
 */
final class AuditProbes {

    private AuditProbes() {
    }

    /** Returns the probes for frames of {@code resolution} px; the fundus probes need 64 px or more. */
    static List<ImageProbe> forResolution(int resolution) {
        return resolution >= 64 ? List.of(new ColourProbe(), AuditProbes::fundus) : List.of(new ColourProbe());
    }

    /** Fundus factors without the colour-cast readings, which the colour probe already reports by the same names. */
    private static Map<String, Double> fundus(java.awt.image.BufferedImage image) {
        Map<String, Double> m = new LinkedHashMap<>(FactorProbes.measure(image).asMap());
        m.remove("cast_warmth");
        m.remove("cast_green");
        return m;
    }
}
