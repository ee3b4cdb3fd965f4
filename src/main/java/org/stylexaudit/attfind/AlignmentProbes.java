package org.stylexaudit.attfind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.synth.GroundTruth;
import org.stylexaudit.synth.probe.FactorProbes;
import org.stylexaudit.train.stylex.ImageProbe;

/**
 * Chooses the probes that name the factors in the alignment table: the synthetic-fundus factor probes (lesion
 * counts, colour cast, disc, vessels, blur, named as {@code ground-truth.csv} columns) where the images come from a
 * {@code synth} archive, else the content-free colour probe (brightness, contrast, colour cast).
 *
 * <pre>{@code
 * List<ImageProbe> probes = AlignmentProbes.choose(AlignmentProbes.Choice.AUTO, ws, 64);
 * }</pre>
 */
public final class AlignmentProbes {

    /** Which probes to use. */
    public enum Choice {
        /** Fundus factor probes when an ingested folder holds a ground-truth.csv, else colour probes. */
        AUTO,
        /** Fundus factor probes plus brightness and contrast. */
        FUNDUS,
        /** Brightness, contrast and colour cast only. */
        COLOUR,
        /** No alignment table. */
        NONE;

        /** Parses a command-line value (case-insensitive; {@code color} is accepted). */
        public static Choice parse(String value) {
            String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
            return switch (v) {
                case "auto" -> AUTO;
                case "fundus" -> FUNDUS;
                case "colour", "color" -> COLOUR;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("--probes must be auto, fundus, colour or none, got "
                        + value);
            };
        }
    }

    /** Smallest frame the fundus factor probes measure reliably (they were validated down to 64 px). */
    public static final int FUNDUS_MIN_RESOLUTION = 64;

    /** Folder sources as recorded by ingest ({@code ingest.FolderIngest.SOURCE_KIND}). */
    static final String FOLDER_SOURCE = "folder";

    private AlignmentProbes() {
    }

    /**
     * Returns the probes for a choice and a bundle resolution; {@code AUTO} looks at the workspace's ingested
     * folders and takes the fundus probes only for frames of at least {@link #FUNDUS_MIN_RESOLUTION} px.
     *
     * @throws IllegalArgumentException when fundus probes are asked for on frames too small for them
     */
    public static List<ImageProbe> choose(Choice choice, Workspace ws, int resolution) throws AttFindException {
        return switch (choice) {
            case FUNDUS -> {
                if (resolution < FUNDUS_MIN_RESOLUTION) {
                    throw new IllegalArgumentException("--probes fundus needs frames of at least "
                            + FUNDUS_MIN_RESOLUTION + " px; this bundle makes " + resolution + " px frames");
                }
                yield fundus();
            }
            case COLOUR -> List.of(new ColourProbe());
            case NONE -> List.of();
            case AUTO -> resolution >= FUNDUS_MIN_RESOLUTION && hasGroundTruth(ws) ? fundus()
                    : List.of(new ColourProbe());
        };
    }

    /** Returns whether any folder ingested into the workspace holds a synth ground-truth file. */
    public static boolean hasGroundTruth(Workspace ws) throws AttFindException {
        try {
            return ws.instances().sourceLocations(FOLDER_SOURCE).stream()
                    .anyMatch(l -> Files.isRegularFile(Path.of(l).resolve(GroundTruth.FILE_NAME)));
        } catch (StoreException e) {
            throw new AttFindException(e.getMessage(), e);
        }
    }

    /**
     * Returns the factor probes, without the detected field-of-view size (a property of the crop, not a factor),
     * and the colour probe's brightness and contrast (its cast measures would overwrite the factor probes' ones,
     * which are calibrated to a neutral camera).
     */
    static List<ImageProbe> fundus() {
        ImageProbe factors = img -> {
            Map<String, Double> m = new LinkedHashMap<>(FactorProbes.measure(img).asMap());
            m.remove("fov_radius_px");
            return m;
        };
        ColourProbe colour = new ColourProbe();
        ImageProbe light = img -> {
            Map<String, Double> all = colour.measure(img);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("brightness", all.get("brightness"));
            m.put("contrast", all.get("contrast"));
            return m;
        };
        return List.of(factors, light);
    }
}
