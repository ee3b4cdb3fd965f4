package org.stylexaudit.ingest.dicomweb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stylexaudit.common.Progress;
import org.stylexaudit.ingest.IngestException;
import org.stylexaudit.ingest.IngestSummary;
import org.stylexaudit.ingest.InstanceIngest;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * Ingests what is new in a DICOMweb archive: QIDO-RS lists the studies with their instance counts, a study whose
 * count differs from the one remembered in the workspace (table {@code dicomweb_study}, keyed hashes only) has its
 * instances listed, and each instance not yet accepted is fetched with WADO-RS in explicit VR little endian and
 * handed to {@link InstanceIngest}. A study's count is remembered only after all its instances are recorded, so a
 * kill in the middle of a study makes the next run look at it again.
 */
public final class DicomWebIngest {

    /** The catalog's {@code source.kind} for DICOMweb archives. */
    public static final String SOURCE_KIND = "dicomweb";

    /** SOP classes that are documents, not images (Encapsulated PDF, such as our own stored reports). */
    static final Set<String> DOCUMENT_CLASSES = Set.of("1.2.840.10008.5.1.4.1.1.104.1",
            "1.2.840.10008.5.1.4.1.1.104.2", "1.2.840.10008.5.1.4.1.1.88.11", "1.2.840.10008.5.1.4.1.1.88.22",
            "1.2.840.10008.5.1.4.1.1.88.33");

    private final Workspace ws;
    private final DicomWebClient client;

    /** Creates an ingest from {@code client}'s archive into {@code ws}. */
    public DicomWebIngest(Workspace ws, DicomWebClient client) {
        this.ws = ws;
        this.client = client;
    }

    /** Fetches and ingests new instances; returns the ingest summary. */
    public IngestSummary run(Progress progress) throws IngestException, DicomWebException {
        List<StudyCount> studies = new ArrayList<>(client.studiesWithCounts());
        // Fetched in UID order, so catalog ids, and AttFind's seeded sample drawn in id order, do not depend on the
        // archive's listing order, and a run completing a killed one fetches in the same order.
        studies.sort(java.util.Comparator.comparing(s -> s.study().studyUid()));
        try (InstanceIngest in = InstanceIngest.start(ws, SOURCE_KIND, client.baseUrl())) {
            long sourceId = ws.instances().sourceId(SOURCE_KIND, client.baseUrl());
            Map<String, Integer> seen = remembered(sourceId);
            progress.start("DICOMweb studies", studies.size());
            int done = 0;
            for (StudyCount s : studies) {
                String key = studyKey(ws, s.study().studyUid());
                Integer before = seen.get(key);
                if (before == null || before != s.instances() || s.instances() == 0) {
                    fetchStudy(in, s.study());
                    remember(sourceId, key, s.instances());
                }
                progress.advance(++done, "");
            }
            return in.finish();
        } catch (StoreException e) {
            throw new IngestException(e.getMessage(), e);
        } finally {
            progress.finish();
        }
    }

    /** Returns the keyed hashes of the studies this workspace has fetched from the archive. */
    public static Set<String> fetchedStudyKeys(Workspace ws, String baseUrl) throws StoreException {
        return remembered(ws, ws.instances().sourceId(SOURCE_KIND, baseUrl)).keySet();
    }

    /** Returns a study's keyed hash under the workspace secret, as stored in {@code dicomweb_study}. */
    public static String studyKey(Workspace ws, String studyUid) {
        return ws.key("study:" + studyUid);
    }

    private void fetchStudy(InstanceIngest in, StudyRef study) throws DicomWebException, IngestException {
        List<InstanceRef> refs = new ArrayList<>(client.instances(study.studyUid()));
        // A fixed order, so catalog ids (and AttFind's seeded sample) do not depend on the archive's listing order.
        refs.sort(java.util.Comparator.comparing(InstanceRef::seriesUid).thenComparing(InstanceRef::sopInstanceUid));
        for (InstanceRef r : refs) {
            if (DOCUMENT_CLASSES.contains(r.sopClassUid())) {
                continue;
            }
            String id = ws.key("sop:" + r.sopInstanceUid());
            if (!in.known(id)) {
                in.add(id, client.fetchInstance(r));
            }
        }
    }

    private Map<String, Integer> remembered(long sourceId) throws StoreException {
        return remembered(ws, sourceId);
    }

    private static Map<String, Integer> remembered(Workspace ws, long sourceId) throws StoreException {
        Map<String, Integer> out = new HashMap<>();
        Connection c = ws.connection();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT study_key, instances FROM dicomweb_study WHERE source_id = ?")) {
            ps.setLong(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the DICOMweb state: " + e.getMessage(), e);
        }
    }

    private void remember(long sourceId, String key, int instances) throws StoreException {
        try (PreparedStatement ps = ws.connection().prepareStatement("MERGE INTO dicomweb_study(source_id, study_key,"
                + " instances, fetched_at) KEY(source_id, study_key) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            ps.setLong(1, sourceId);
            ps.setString(2, key);
            ps.setInt(3, instances);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the DICOMweb state: " + e.getMessage(), e);
        }
    }
}
