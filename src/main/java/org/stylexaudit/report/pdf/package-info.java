/**
 * PDF building blocks shared by audit reports and study packets: a page-flowing document with an embedded font
 * ({@link org.stylexaudit.report.pdf.PdfDocument}), AcroForm fields that poppler renders
 * ({@link org.stylexaudit.report.pdf.PdfForm}) and vector charts ({@link org.stylexaudit.report.pdf.Charts}).
 */
package org.stylexaudit.report.pdf;
