package org.stylexaudit.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What a written report contains.
 *
 * @param file       the PDF written
 * @param pages      number of pages
 * @param attributes number of attribute pages
 * @param images     number of per-image explanations
 * @param headings   every heading in document order
 * @param fields     names of the fillable reviewer fields
 */
public record ReportSummary(Path file, int pages, int attributes, int images, List<String> headings,
                            List<String> fields) {

    /** Copies the lists. */
    public ReportSummary {
        headings = List.copyOf(headings);
        fields = List.copyOf(fields);
    }
}
