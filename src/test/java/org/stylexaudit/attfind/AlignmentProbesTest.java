package org.stylexaudit.attfind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.synth.FundusRenderer;
import org.stylexaudit.synth.GroundTruthRow;
import org.stylexaudit.synth.OutputFormat;
import org.stylexaudit.synth.SynthConfig;
import org.stylexaudit.synth.SynthGenerator;
import org.stylexaudit.train.stylex.ImageProbe;

class AlignmentProbesTest {

    @TempDir
    Path tmp;

    private static Map<String, Double> measure(List<ImageProbe> probes, BufferedImage img) {
        Map<String, Double> m = new HashMap<>();
        probes.forEach(p -> m.putAll(p.measure(img)));
        return m;
    }

    @Test
    void choose_auto_usesFundusFactorsOnlyWhenAnIngestedFolderHasGroundTruth() throws Exception {
        GroundTruthRow row = new SynthGenerator(new SynthConfig(1, 5, 64, 0.8, 0.0, OutputFormat.PNG)).plan().get(0);
        BufferedImage img = new FundusRenderer().render(row.factors(), 64);
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Path synth = Files.createDirectories(tmp.resolve("synth"));
        Files.writeString(synth.resolve("ground-truth.csv"), "file,referable_dr\n");
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            ws.instances().sourceId(AlignmentProbes.FOLDER_SOURCE, plain.toString());
            Map<String, Double> colour = measure(AlignmentProbes.choose(AlignmentProbes.Choice.AUTO, ws, 64), img);
            assertTrue(colour.containsKey("cast_warmth"), colour.toString());
            assertFalse(colour.containsKey("red_lesions"), "no ground truth: no fundus factor names");

            ws.instances().sourceId(AlignmentProbes.FOLDER_SOURCE, synth.toString());
            Map<String, Double> fundus = measure(AlignmentProbes.choose(AlignmentProbes.Choice.AUTO, ws, 64), img);
            for (String factor : List.of("red_lesions", "hard_exudates", "cup_to_disc", "cast_warmth", "cast_green",
                    "vessel_calibre", "brightness")) {
                assertTrue(fundus.containsKey(factor), factor + " missing from " + fundus.keySet());
            }
            assertFalse(fundus.containsKey("fov_radius_px"), "the crop size is not a factor");
            assertEquals(List.of(), AlignmentProbes.choose(AlignmentProbes.Choice.NONE, ws, 64));
            Map<String, Double> tiny = measure(AlignmentProbes.choose(AlignmentProbes.Choice.AUTO, ws, 4), img);
            assertFalse(tiny.containsKey("red_lesions"), "4 px frames are too small for the fundus probes");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AlignmentProbes.choose(AlignmentProbes.Choice.FUNDUS, ws, 4));
            assertTrue(e.getMessage().contains("64 px"), e.getMessage());
        }
    }

    @Test
    void parse_unknownValue_namesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AlignmentProbes.Choice.parse("lesions"));
        assertTrue(e.getMessage().contains("--probes"), e.getMessage());
        assertEquals(AlignmentProbes.Choice.COLOUR, AlignmentProbes.Choice.parse("Color"));
    }
}
