package org.stylexaudit.report;

/**
 * Options of an audit report.
 *
 * @param maxImagePages how many per-image explanations to include (the first ones in the findings; default 4)
 * @param maxStrips     how many counterfactual strips per attribute page (4-6; default 6)
 */
public record ReportOptions(int maxImagePages, int maxStrips) {

    /** The defaults: 4 per-image explanations, 6 strips per attribute. */
    public static final ReportOptions DEFAULTS = new ReportOptions(4, 6);

    /** Checks ranges. */
    public ReportOptions {
        if (maxImagePages < 0) {
            throw new IllegalArgumentException("maxImagePages must be >= 0, got " + maxImagePages);
        }
        if (maxStrips < 1 || maxStrips > 6) {
            throw new IllegalArgumentException("maxStrips must be in 1..6, got " + maxStrips);
        }
    }
}
