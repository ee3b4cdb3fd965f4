package org.stylexaudit.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import org.stylexaudit.common.Folders;
import org.stylexaudit.common.Progress;
import org.stylexaudit.report.AuditReportWriter;
import org.stylexaudit.report.FindingsFolder;
import org.stylexaudit.report.FindingsLocator;
import org.stylexaudit.report.ReportException;
import org.stylexaudit.report.ReportOptions;
import org.stylexaudit.report.ReportTemplate;
import org.stylexaudit.store.Workspace;
import org.stylexaudit.study.ExportSummary;
import org.stylexaudit.study.StudyConfig;
import org.stylexaudit.study.StudyException;
import org.stylexaudit.study.StudyExporter;

/**
 * Writes the dated PDF report and the optional study packet of a discover run into the output folder. Both are
 * written under a temporary name and renamed into place, so the output folder never holds half a report.
 */
final class ReportStage {

    private final Workspace ws;
    private final Path output;

    ReportStage(Workspace ws, Path output) {
        this.ws = ws;
        this.output = output;
    }

    /** Returns the report file name for a day: {@code audit-report-YYYY-MM-DD.pdf}. */
    static String reportName(LocalDate day) {
        return "audit-report-" + day + ".pdf";
    }

    /** Writes the report of {@code discoverRun} as {@code output/audit-report-DAY.pdf}; returns the file. */
    Path report(long discoverRun, LocalDate day, Progress progress) throws AuditException {
        Path target = output.resolve(reportName(day));
        try {
            Files.createDirectories(output);
            fontCache();
            ReportTemplate template = ReportTemplate.load("report.yaml", null);
            Path tmp = output.resolve("." + target.getFileName() + ".tmp");
            progress.start("writing the report", -1);
            new AuditReportWriter(template, ReportOptions.DEFAULTS, Progress.NONE).write(findings(discoverRun), tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (ReportException | IOException e) {
            throw new AuditException("report " + target + ": " + e.getMessage(), e);
        } finally {
            progress.finish();
        }
    }

    /** Exports one blinded packet per reviewer into {@code output/study-DAY/}; returns the folder. */
    Path study(long discoverRun, LocalDate day, int reviewers, int items, long seed, Progress progress)
            throws AuditException {
        Path target = output.resolve("study-" + day);
        Path tmp = output.resolve(".study-" + day + ".tmp");
        try {
            Folders.deleteTree(tmp);
            fontCache();
            ReportTemplate template = ReportTemplate.load("study.yaml", null);
            progress.start("writing the study packets", -1);
            ExportSummary s = new StudyExporter(ws, template, Progress.NONE).export(findings(discoverRun),
                    discoverRun, new StudyConfig(reviewers, items, seed), tmp);
            if (s.packets().isEmpty()) {
                throw new AuditException("study: no packets were written");
            }
            Folders.deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (ReportException | StudyException | IOException e) {
            throw new AuditException("study packet " + target + ": " + e.getMessage(), e);
        } finally {
            progress.finish();
        }
    }

    private FindingsFolder findings(long discoverRun) throws ReportException {
        Path file = FindingsLocator.conventionalDir(ws, discoverRun).resolve(FindingsFolder.FILE_NAME);
        return FindingsFolder.read(file).forRun(discoverRun);
    }

    /** Keeps PDFBox's font cache out of the home directory, which batch accounts often cannot write. */
    private static void fontCache() {
        if (System.getProperty("pdfbox.fontcache") == null) {
            System.setProperty("pdfbox.fontcache", System.getProperty("java.io.tmpdir"));
        }
    }

}
