package org.stylexaudit.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stylexaudit.common.Progress;
import org.stylexaudit.dicom.DicomException;
import org.stylexaudit.ingest.IngestException;
import org.stylexaudit.ingest.IngestSummary;
import org.stylexaudit.ingest.dicomweb.Credentials;
import org.stylexaudit.ingest.dicomweb.DicomWebClient;
import org.stylexaudit.ingest.dicomweb.DicomWebException;
import org.stylexaudit.ingest.dicomweb.DicomWebIngest;
import org.stylexaudit.ingest.dicomweb.PdfReportObject;
import org.stylexaudit.ingest.dicomweb.StudyCount;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * A DICOMweb archive: new studies by QIDO-RS, instances by WADO-RS, and optionally the report back by STOW-RS.
 * Credentials come from the protocol's credentials file or the environment and appear in no message or log.
 */
final class DicomWebSource implements ArchiveSource {

    private final Protocol protocol;
    private DicomWebClient client;

    DicomWebSource(Protocol protocol) {
        this.protocol = protocol;
    }

    @Override
    public void check() throws AuditException {
        Protocol.Archive a = protocol.archive();
        Credentials cred;
        try {
            if (a.credentialsFile() != null) {
                if (!Files.isRegularFile(a.credentialsFile())) {
                    throw new ProtocolMismatchException(protocol.file() + ": archive.credentials_file: no such file "
                            + a.credentialsFile());
                }
                cred = Credentials.fromFile(a.credentialsFile());
            } else {
                cred = Credentials.fromEnvironment(a.envPrefix() == null ? Credentials.DEFAULT_PREFIX : a.envPrefix());
            }
            client = new DicomWebClient(a.dicomweb().toString(), cred);
        } catch (DicomWebException e) {
            throw new ProtocolMismatchException(protocol.file() + ": archive.credentials_file: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProtocolMismatchException(protocol.file() + ": archive.dicomweb: " + e.getMessage());
        }
    }

    @Override
    public IngestSummary ingest(Workspace ws, Progress progress) throws AuditException, IngestException {
        try {
            return new DicomWebIngest(ws, client).run(progress);
        } catch (DicomWebException e) {
            throw new AuditException("archive.dicomweb: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean storeReport(Workspace ws, Path pdf, String title, List<String> warnings) throws AuditException {
        if (!protocol.report().storeToArchive()) {
            return false;
        }
        try {
            byte[] bytes = Files.readAllBytes(pdf);
            Set<String> audited = DicomWebIngest.fetchedStudyKeys(ws, client.baseUrl());
            String digest = org.stylexaudit.common.Digests.sha256Hex(bytes);
            List<byte[]> objects = new ArrayList<>();
            for (StudyCount s : client.studiesWithCounts()) {
                String key = DicomWebIngest.studyKey(ws, s.study().studyUid());
                if (audited.contains(key)) {
                    // UIDs from the report's digest and the study: a store repeated after a kill replaces, not adds.
                    objects.add(PdfReportObject.encode(bytes, s.study(), title,
                            PdfReportObject.derivedUid(digest + " sop " + key),
                            PdfReportObject.derivedUid(digest + " series " + key)));
                }
            }
            if (objects.isEmpty()) {
                warnings.add("report.store_to_archive: no audited study is left in the archive; report not stored");
                return true;
            }
            client.store(objects.toArray(byte[][]::new));
            return true;
        } catch (IOException | DicomException | StoreException e) {
            throw new AuditException("report.store_to_archive: cannot encode the report: " + e.getMessage(), e);
        } catch (DicomWebException e) {
            throw new AuditException("report.store_to_archive: " + e.getMessage(), e);
        }
    }
}
