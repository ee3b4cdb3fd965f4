package org.stylexaudit.report.pdf;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Line charts drawn into a PDF as vectors: JFreeChart paints on a {@code PdfBoxGraphics2D}, whose form XObject is
 * placed on the page, so charts stay sharp at any zoom and their labels stay searchable text.
 */
public final class Charts {

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(214, 39, 40),
        new Color(44, 160, 44), new Color(148, 103, 189), new Color(255, 127, 14), new Color(140, 86, 75)};

    private Charts() {
    }

    /**
     * Builds a line chart; each series maps a name to points {x, y}.
     *
     * @param yRange {min, max} of the y axis, or {@code null} to fit the data
     */
    public static JFreeChart lineChart(String title, String xLabel, String yLabel, Map<String, List<double[]>> series,
                                       double[] yRange, Font font) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            for (double[] p : e.getValue()) {
                s.add(p[0], p[1]);
            }
            data.addSeries(s);
        }
        NumberAxis x = new NumberAxis(xLabel);
        NumberAxis y = new NumberAxis(yLabel);
        x.setAutoRangeIncludesZero(false);
        boolean integral = series.values().stream().flatMap(List::stream).allMatch(pt -> pt[0] == Math.rint(pt[0]));
        if (integral && series.values().stream().flatMap(List::stream).count() < 15) {
            // counts such as k = 1..5 read wrongly with 0.5 ticks
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        if (yRange != null) {
            y.setRange(yRange[0], yRange[1]);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(1.4f));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(title, font.deriveFont(10f), plot, series.size() > 1);
        StandardChartTheme theme = new StandardChartTheme("report");
        theme.setExtraLargeFont(font.deriveFont(10f));
        theme.setLargeFont(font.deriveFont(9f));
        theme.setRegularFont(font.deriveFont(8f));
        theme.setSmallFont(font.deriveFont(7f));
        theme.apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Returns Liberation Sans as an AWT font, matching the font embedded in the page text. */
    public static Font awtFont() throws IOException {
        try (InputStream in = Charts.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            if (in == null) {
                throw new IOException("PDFBox's bundled Liberation Sans is missing from the class path");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(8f);
        } catch (FontFormatException e) {
            throw new IOException("cannot read bundled Liberation Sans: " + e.getMessage(), e);
        }
    }

    /** Draws {@code chart} into a box of the current page whose top-left corner is ({@code x}, {@code top}). */
    public static void draw(PdfDocument pdf, JFreeChart chart, Font font, float x, float top, float w, float h)
            throws IOException {
        PdfBoxGraphics2D g = new PdfBoxGraphics2D(pdf.document(), w, h);
        try (PdfBoxGraphics2DFontTextDrawer text = new PdfBoxGraphics2DFontTextDrawer()) {
            // Chart labels become real text in the page's embedded font rather than outlines.
            text.registerFont(font.getFontName(), pdf.font());
            g.setFontTextDrawer(text);
            chart.draw(g, new Rectangle2D.Double(0, 0, w, h));
        } finally {
            g.dispose();
        }
        pdf.form(g.getXFormObject(), x, top - h);
    }
}
