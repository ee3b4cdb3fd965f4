package org.stylexaudit.synth.probe;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.stylexaudit.synth.FundusFactors;
import org.stylexaudit.synth.FundusRenderer;
import org.stylexaudit.synth.GroundTruthRow;
import org.stylexaudit.synth.LesionType;
import org.stylexaudit.synth.OutputFormat;
import org.stylexaudit.synth.SynthConfig;
import org.stylexaudit.synth.SynthGenerator;

/**
 * Checks the probes against the generator's ground truth: renders images, measures them at full size and after an
 * area downscale, and returns the Pearson correlation of each probe with the factor it estimates.
 *
 * <pre>{@code
 * for (ProbeValidation.Line l : ProbeValidation.run(200, 2024, 256, 64)) { ... }
 * }</pre>
 */
public final class ProbeValidation {

    /** One factor: its name, the correlation at full size and at the small size. */
    public record Line(String factor, double rFull, double rSmall) {
    }

    /** A factor and how to read its true value. */
    private record Factor(String name, ToDoubleFunction<FundusFactors> truth) {
    }

    private static final List<Factor> FACTORS = List.of(
            new Factor("red_lesions", FundusFactors::redLesions),
            new Factor("hard_exudates", f -> f.count(LesionType.HARD_EXUDATE)),
            new Factor("cotton_wool_spots", f -> f.count(LesionType.COTTON_WOOL_SPOT)),
            new Factor("cup_to_disc", FundusFactors::cupToDisc),
            new Factor("disc_radius", FundusFactors::discRadius),
            new Factor("vessel_calibre", FundusFactors::vesselCalibre),
            new Factor("cast_warmth", FundusFactors::castWarmth),
            new Factor("cast_green", FundusFactors::castGreen),
            new Factor("blur", FundusFactors::blur));

    private ProbeValidation() {
    }

    /** Renders {@code count} images from {@code seed} and correlates probes with factors. */
    public static List<Line> run(int count, long seed, int resolution, int smallSize) {
        List<GroundTruthRow> rows = new SynthGenerator(new SynthConfig(count, seed, resolution, 0.8, 0.03,
                OutputFormat.PNG)).plan();
        FundusRenderer renderer = new FundusRenderer();
        double[][] truth = new double[FACTORS.size()][count];
        double[][] full = new double[FACTORS.size()][count];
        double[][] small = new double[FACTORS.size()][count];
        for (int k = 0; k < count; k++) {
            FundusFactors f = rows.get(k).factors();
            BufferedImage img = renderer.render(f, resolution);
            var a = FactorProbes.measure(img).asMap();
            var b = FactorProbes.measure(org.stylexaudit.common.AreaResample.area(img, smallSize)).asMap();
            for (int j = 0; j < FACTORS.size(); j++) {
                Factor fac = FACTORS.get(j);
                truth[j][k] = fac.truth().applyAsDouble(f);
                full[j][k] = a.get(fac.name());
                small[j][k] = b.get(fac.name());
            }
        }
        List<Line> out = new ArrayList<>();
        for (int j = 0; j < FACTORS.size(); j++) {
            out.add(new Line(FACTORS.get(j).name(), pearson(truth[j], full[j]), pearson(truth[j], small[j])));
        }
        return out;
    }

    /** Returns Pearson's r of two equally long series (NaN when either is constant). */
    public static double pearson(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("expected two series of equal length >= 2, got " + a.length + " and "
                    + b.length);
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
