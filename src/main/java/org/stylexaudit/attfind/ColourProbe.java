package org.stylexaudit.attfind;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stylexaudit.train.stylex.ImageProbe;

/**
 * A probe that needs no knowledge of the image content: brightness, contrast and colour cast, the acquisition
 * factors a camera shortcut lives in. Fundus-specific probes (lesions, disc, vessels) plug in through the same
 * {@link ImageProbe} interface.
 */
public final class ColourProbe implements ImageProbe {

    @Override
    public Map<String, Double> measure(BufferedImage img) {
        double r = 0;
        double g = 0;
        double b = 0;
        double sq = 0;
        int n = img.getWidth() * img.getHeight();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                int pr = (p >> 16) & 0xff;
                int pg = (p >> 8) & 0xff;
                int pb = p & 0xff;
                r += pr;
                g += pg;
                b += pb;
                double l = 0.299 * pr + 0.587 * pg + 0.114 * pb;
                sq += l * l;
            }
        }
        r /= n;
        g /= n;
        b /= n;
        double luma = 0.299 * r + 0.587 * g + 0.114 * b;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("brightness", luma);
        m.put("contrast", Math.sqrt(Math.max(0, sq / n - luma * luma)));
        // Logs of channel ratios (+1 avoids log 0 on black images) are the usual colour-cast measures.
        m.put("cast_warmth", Math.log((r + 1) / (b + 1)));
        m.put("cast_green", Math.log((g + 1) / Math.sqrt((r + 1) * (b + 1))));
        return m;
    }
}
