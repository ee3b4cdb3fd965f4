package org.stylexaudit.train.stylex;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the loss curves and the held-out PSNR of a training record as one picture, so a reader of the bundle (and
 * of docs/training.md) sees at a glance whether training converged or collapsed without parsing bundle.json.
 */
final class TrainingCurves {

    /** File name of the picture beside bundle.json. */
    static final String FILE = "training-curves.png";

    /** Loss terms drawn, in legend order; terms absent from the record are left out. */
    private static final List<String> LOSSES =
            List.of("rec_l1", "rec_pyr", "kl", "w_rec", "g_adv", "d_real", "d_fake", "noise_kl");

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x17becf), new Color(0x8c564b), new Color(0x7f7f7f)};

    private TrainingCurves() {
    }

    /** Renders {@code history} as a PNG-ready image of {@code width} x {@code height} pixels. */
    static BufferedImage render(List<LossPoint> history, int width, int height) {
        Map<String, XYSeries> losses = new TreeMap<>();
        XYSeries psnr = new XYSeries("held-out PSNR (dB)");
        for (LossPoint p : history) {
            for (String name : LOSSES) {
                Double v = p.values().get(name);
                // A log axis cannot show zero or negative values; such points are simply not drawn.
                if (v != null && v > 0 && Double.isFinite(v)) {
                    losses.computeIfAbsent(name, XYSeries::new).add(p.step(), v);
                }
            }
            Double q = p.values().get("psnr");
            if (q != null && Double.isFinite(q)) {
                psnr.add(p.step(), q);
            }
        }
        XYSeriesCollection lossData = new XYSeriesCollection();
        for (String name : LOSSES) {
            if (losses.containsKey(name)) {
                lossData.addSeries(losses.get(name));
            }
        }
        LogAxis lossAxis = new LogAxis("loss (mean since previous point)");
        lossAxis.setSmallestValue(1e-3);
        lossAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0)); // one tick per decade
        XYPlot lossPlot = new XYPlot(lossData, null, lossAxis, lines(lossData.getSeriesCount()));
        NumberAxis psnrAxis = new NumberAxis("PSNR (dB)");
        psnrAxis.setAutoRangeIncludesZero(false);
        XYPlot psnrPlot = new XYPlot(new XYSeriesCollection(psnr), null, psnrAxis, lines(1));
        NumberAxis steps = new NumberAxis("training step");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(steps);
        plot.add(lossPlot, 2);
        plot.add(psnrPlot, 1);
        for (XYPlot p : List.of(lossPlot, psnrPlot)) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        JFreeChart chart = new JFreeChart("StylEx training", new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            chart.draw(g, new java.awt.Rectangle(0, 0, width, height));
        } finally {
            g.dispose();
        }
        return img;
    }

    private static XYLineAndShapeRenderer lines(int series) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series; i++) {
            r.setSeriesStroke(i, new BasicStroke(1.5f));
            // JFreeChart's default palette includes yellows that vanish on white paper.
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        return r;
    }
}
