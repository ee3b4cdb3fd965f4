/**
 * PDF audit reports. The input model is {@link org.stylexaudit.report.AuditFindings} (written by AttFind as
 * {@code findings.json} plus PNG frames, read by {@link org.stylexaudit.report.FindingsFolder}); the entry type is
 * {@link org.stylexaudit.report.AuditReportWriter}, worded by a {@link org.stylexaudit.report.ReportTemplate}.
 */
package org.stylexaudit.report;
