package org.stylexaudit.synth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.ToolInfo;

/**
 * Writes {@code synth.json}: the configuration, the command that regenerates the output, the rules, the CSV digest
 * and the tool/Java/OS versions.
 */
final class Provenance {

    static final String FILE_NAME = "synth.json";

    private Provenance() {
    }

    static void write(Path file, SynthConfig c, Path csv) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "stylex-audit synth");
        m.put("tool_version", ToolInfo.version());
        m.put("command", command(c));
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("count", c.count());
        cfg.put("seed", c.seed());
        cfg.put("resolution", c.resolution());
        cfg.put("shortcut_strength", c.shortcutStrength());
        cfg.put("label_noise", c.labelNoise());
        cfg.put("format", c.format().name().toLowerCase(java.util.Locale.ROOT));
        m.put("config", cfg);
        m.put("label_rule", "referable_dr = red_lesions >= " + ReferableDr.MIN_RED_LESIONS + " or hard_exudates >= "
                + ReferableDr.MIN_EXUDATES + ", then flipped with probability label_noise");
        m.put("shortcut", "with probability shortcut_strength a visit's camera is "
                + CameraModel.shortcutCamera(true) + " when any eye is referable, else "
                + CameraModel.shortcutCamera(false) + "; otherwise uniform over all cameras");
        m.put("ground_truth_sha256", Digests.sha256Hex(csv));
        // No time stamp: the folder must be byte-identical when regenerated from the same seed.
        m.put("environment", ToolInfo.environment());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
    }

    /** Returns the command line that regenerates the output. */
    static String command(SynthConfig c) {
        return String.format(java.util.Locale.ROOT,
                "stylex-audit synth --out DIR --count %d --seed %d --resolution %d --shortcut-strength %s "
                        + "--label-noise %s --format %s",
                c.count(), c.seed(), c.resolution(), c.shortcutStrength(), c.labelNoise(),
                c.format().name().toLowerCase(java.util.Locale.ROOT));
    }
}
