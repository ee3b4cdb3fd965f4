package org.stylexaudit.synth.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stylexaudit.synth.FundusFactors;
import org.stylexaudit.synth.FundusRenderer;
import org.stylexaudit.synth.GroundTruthRow;
import org.stylexaudit.synth.OutputFormat;
import org.stylexaudit.synth.SynthConfig;
import org.stylexaudit.synth.SynthGenerator;

class FactorProbesTest {

    @Test
    void measure_200Images_correlatesWithTrueFactors() throws Exception {
        List<ProbeValidation.Line> lines = ProbeValidation.run(200, 2024, 256, 64);
        Map<String, ProbeValidation.Line> byName = lines.stream()
                .collect(Collectors.toMap(ProbeValidation.Line::factor, l -> l));
        StringBuilder table = new StringBuilder("factor,r_256,r_64\n");
        lines.forEach(l -> table.append(String.format(java.util.Locale.ROOT, "%s,%.3f,%.3f%n", l.factor(),
                l.rFull(), l.rSmall())));
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "probe-correlations.csv"), table);
        for (String f : List.of("red_lesions", "hard_exudates", "cup_to_disc", "cast_warmth", "blur")) {
            assertTrue(byName.get(f).rFull() >= 0.9, f + " at full size: " + table);
        }
        // StylEx judges reconstructions at 64 px, so lesion counts must survive the downscale.
        for (String f : List.of("red_lesions", "hard_exudates", "cup_to_disc", "cast_warmth")) {
            assertTrue(byName.get(f).rSmall() >= 0.8, f + " at 64 px: " + table);
        }
    }

    @Test
    void measure_isDeterministicAndSizeAware() {
        GroundTruthRow row = new SynthGenerator(new SynthConfig(1, 77, 256, 0.8, 0.0, OutputFormat.PNG)).plan()
                .get(0);
        BufferedImage img = new FundusRenderer().render(row.factors(), 256);
        assertEquals(FactorProbes.measure(img), FactorProbes.measure(img));
        ProbeReading r = FactorProbes.measure(img);
        assertEquals(256 * FundusFactors.FOV_FRACTION, r.fovRadiusPx(), 2.0);
        assertEquals(row.factors().discX(), r.discX(), 0.05);
        assertEquals(row.factors().discY(), r.discY(), 0.05);
        assertEquals(row.factors().castWarmth(), r.castWarmth(), 0.08);
        assertEquals(r.redLesions(), r.asMap().get("red_lesions"), 0.0);
    }

    @Test
    void measure_blackImage_returnsZeroCountsWithoutFailing() {
        ProbeReading r = FactorProbes.measure(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB));
        assertEquals(0, r.redLesions());
        assertEquals(0, r.hardExudates());
    }

    @Test
    void pearson_knownSeries() {
        assertEquals(1.0, ProbeValidation.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-12);
        assertEquals(-1.0, ProbeValidation.pearson(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 1e-12);
    }
}
