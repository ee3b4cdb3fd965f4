package org.stylexaudit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stylexaudit.synth.OutputFormat;
import org.stylexaudit.synth.SynthConfig;
import org.stylexaudit.synth.SynthGenerator;
import org.stylexaudit.synth.SynthResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code synth}: writes a synthetic fundus archive (or a flat PNG training set) with {@code ground-truth.csv}.
 *
 * <pre>{@code
 * stylex-audit synth --out data/train --count 6000 --seed 7 --resolution 128 --format png
 * }</pre>
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Draws synthetic fundus photographs from recorded factors, with a referable_dr label and an",
                "optional camera shortcut, and writes them with ground-truth.csv."})
final class SynthCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder.")
    private Path out;

    @Option(names = {"-n", "--count"}, required = true, paramLabel = "N", description = "Number of images.")
    private int count;

    @Option(names = {"-s", "--seed"}, required = true, paramLabel = "S",
            description = "Master seed; the same seed gives the same files.")
    private long seed;

    @Option(names = {"-r", "--resolution"}, paramLabel = "PX", defaultValue = "256",
            description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    private int resolution;

    @Option(names = {"-k", "--shortcut-strength"}, paramLabel = "0..1", defaultValue = "0.8",
            description = "How strongly the camera (colour cast) follows the label: 0 independent, 1 determined "
                    + "(default: ${DEFAULT-VALUE}).")
    private double shortcutStrength;

    @Option(names = {"-l", "--label-noise"}, paramLabel = "P", defaultValue = "0.03",
            description = "Probability of flipping a label (default: ${DEFAULT-VALUE}).")
    private double labelNoise;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "archive",
            description = "archive (patients/studies/series of DICOM plus PNG/JPEG exports) or png (flat training "
                    + "set) (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "1",
            description = "Rendering threads; the output is the same for any count (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw new UsageException("expected --threads of at least 1, got " + threads);
        }
        SynthConfig config;
        try {
            config = new SynthConfig(count, seed, resolution, shortcutStrength, labelNoise,
                    OutputFormat.parse(format));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        long t0 = System.nanoTime();
        SynthResult r = new SynthGenerator(config).generate(out,
                ConsoleProgress.forStderr(spec.commandLine().getErr()), threads);
        double seconds = (System.nanoTime() - t0) / 1e9;
        spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                "wrote %d images (%d referable) of %d patients to %s in %.1f s: %d DICOM, %d PNG, %d JPEG; "
                        + "ground truth %s%n",
                r.images(), r.referable(), r.patients(), r.out(), seconds, r.dicom(), r.png(), r.jpeg(),
                r.groundTruth());
        return ExitCodes.OK;
    }
}
