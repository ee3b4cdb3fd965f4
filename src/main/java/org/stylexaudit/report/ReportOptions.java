package org.stylexaudit.report;

import java.util.List;

/**
 * Options of an audit report.
 *
 * @param maxImagePages how many per-image explanations to include (the first ones in the findings; default 4)
 * @param maxStrips     how many counterfactual strips per attribute page (4-6; default 6)
 * @param imageKeys     when not empty, only explanations whose image key starts with one of these prefixes
 */
public record ReportOptions(int maxImagePages, int maxStrips, List<String> imageKeys) {

    /** The defaults: 4 per-image explanations, 6 strips per attribute, no key filter. */
    public static final ReportOptions DEFAULTS = new ReportOptions(4, 6, List.of());

    /** Checks ranges. */
    public ReportOptions {
        imageKeys = imageKeys == null ? List.of() : List.copyOf(imageKeys);
        if (maxImagePages < 0) {
            throw new IllegalArgumentException("maxImagePages must be >= 0, got " + maxImagePages);
        }
        if (maxStrips < 1 || maxStrips > 6) {
            throw new IllegalArgumentException("maxStrips must be in 1..6, got " + maxStrips);
        }
    }

    /** Returns the explanations selected for the report: filtered by key prefix, then the first {@code maxImagePages}. */
    public List<ImageExplanation> select(List<ImageExplanation> all) {
        return all.stream().filter(e -> imageKeys.isEmpty() || imageKeys.stream().anyMatch(e.imageKey()::startsWith))
                .limit(maxImagePages).toList();
    }
}
