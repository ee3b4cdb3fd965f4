package org.stylexaudit.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.stylexaudit.common.Digests;
import org.stylexaudit.store.Workspace;

/**
 * Reads filled packets (PDF forms or CSV) back into the workspace. A file is refused, with a message naming it,
 * when its packet ID is not from this workspace, its item list differs from the exported one (changed, added,
 * removed or foreign item codes, or a wrong digest), the packet was already imported, or an answer is invalid.
 *
 * <pre>{@code
 * ImportResult r = new StudyImporter(ws).importFiles(List.of(Path.of("packet-P-ABC.pdf")));
 * }</pre>
 */
public final class StudyImporter {

    private final Workspace ws;
    private final ImportLimits limits;

    /** Creates an importer storing answers into {@code ws}, with the default {@link ImportLimits}. */
    public StudyImporter(Workspace ws) {
        this(ws, ImportLimits.DEFAULT);
    }

    /** Creates an importer storing answers into {@code ws} that refuses files past {@code limits}. */
    public StudyImporter(Workspace ws, ImportLimits limits) {
        this.ws = ws;
        this.limits = limits;
    }

    /** What one file says: packet, digest and per-position answers. */
    record FilledPacket(String packetId, String digest, List<FilledItem> items) {
    }

    /** One item as read from a file; raw strings, validated later. */
    record FilledItem(int position, String code, String answer, String words, String confidence) {
    }

    /** Imports every file; each file is its own transaction, so one bad file does not block the others. */
    public ImportResult importFiles(List<Path> files) throws StudyException {
        List<ImportResult.Imported> ok = new ArrayList<>();
        List<ImportResult.Rejected> bad = new ArrayList<>();
        for (Path file : files) {
            try {
                ok.add(importFile(file));
            } catch (PacketRejectedException e) {
                bad.add(new ImportResult.Rejected(file, e.getMessage()));
            }
        }
        return new ImportResult(ok, bad);
    }

    private ImportResult.Imported importFile(Path file) throws StudyException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        FilledPacket filled;
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > limits.maxFileBytes()) {
                throw new PacketRejectedException(file + ": too large: " + size + " bytes exceeds the limit of "
                        + limits.maxFileBytes() + " bytes for a packet");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PacketRejectedException(file + ": cannot read: " + e.getMessage());
        }
        if (name.endsWith(".pdf")) {
            filled = readPdf(file, bytes, limits);
        } else if (name.endsWith(".csv")) {
            filled = readCsv(file, new String(bytes, StandardCharsets.UTF_8), limits);
        } else {
            throw new PacketRejectedException(file + ": not a packet; expected a .pdf or .csv file");
        }
        Connection c = ws.connection();
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                ImportResult.Imported r = store(file, filled, Digests.sha256Hex(bytes), name.endsWith(".pdf") ? "pdf" : "csv");
                c.commit();
                return r;
            } catch (SQLException | StudyException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StudyException("cannot store answers of " + file + ": " + e.getMessage(), e);
        }
    }

    private ImportResult.Imported store(Path file, FilledPacket filled, String fileDigest, String format)
            throws SQLException, PacketRejectedException {
        StudyStore store = new StudyStore(ws.connection());
        String id = filled.packetId();
        StudyStore.Packet packet = store.packet(id).orElseThrow(() -> new PacketRejectedException(file
                + ": packet ID '" + id + "' was not exported from this workspace (foreign or mistyped packet)"));
        if (packet.importedAt() != null) {
            throw new PacketRejectedException(file + ": packet " + id + " was already imported on "
                    + packet.importedAt() + " (from a file with SHA-256 " + packet.importedFileDigest()
                    + "); refusing a duplicate");
        }
        List<StudyStore.KeyItem> key = store.items(id);
        checkItems(file, filled, packet, key);
        List<String> classes = store.classNames(packet.studyId());
        int answered = 0;
        for (FilledItem it : filled.items()) {
            String chosen = chosenClass(file, it, classes);
            Integer conf = confidence(file, it);
            String words = it.words() == null || it.words().isBlank() ? null : it.words().strip();
            store.insertAnswer(id, it.position(), chosen, words, conf);
            answered += chosen != null ? 1 : 0;
        }
        store.markImported(id, fileDigest, format);
        return new ImportResult.Imported(file, id, key.size(), answered);
    }

    private void checkItems(Path file, FilledPacket filled, StudyStore.Packet packet, List<StudyStore.KeyItem> key)
            throws PacketRejectedException {
        String id = packet.packetId();
        if (!packet.itemDigest().equals(filled.digest())) {
            throw new PacketRejectedException(file + ": packet " + id + " was altered: its item-list digest does not"
                    + " match the exported packet");
        }
        if (filled.items().size() != key.size()) {
            throw new PacketRejectedException(file + ": packet " + id + " was altered: it has " + filled.items().size()
                    + " items, the exported packet has " + key.size());
        }
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            FilledItem it = filled.items().get(i);
            StudyStore.KeyItem k = key.get(i);
            if (it.position() != k.position() || !k.code().equals(it.code())) {
                throw new PacketRejectedException(file + ": packet " + id + " was altered: item " + it.position()
                        + " (code " + it.code() + ") does not belong to this packet");
            }
            codes.add(it.code());
        }
        if (!PacketFormat.digest(ws, id, codes).equals(packet.itemDigest())) {
            throw new PacketRejectedException(file + ": packet " + id + " was altered: item list digest mismatch");
        }
    }

    private static String chosenClass(Path file, FilledItem it, List<String> classes) throws PacketRejectedException {
        String a = it.answer() == null ? "" : it.answer().strip();
        if (a.isEmpty() || a.equals("Off")) {
            return null;
        }
        for (int i = 0; i < classes.size(); i++) {
            if (a.equals(PacketFormat.classExport(i)) || a.equals(Integer.toString(i + 1))
                    || a.equalsIgnoreCase(classes.get(i))) {
                return classes.get(i);
            }
        }
        throw new PacketRejectedException(file + ": item " + it.position() + ": answer '" + a
                + "' is not one of the classes " + classes + " (or their numbers 1-" + classes.size() + ")");
    }

    private static Integer confidence(Path file, FilledItem it) throws PacketRejectedException {
        String s = it.confidence() == null ? "" : it.confidence().strip();
        if (s.isEmpty() || s.equals("Off")) {
            return null;
        }
        try {
            int v = Integer.parseInt(s);
            if (v >= 1 && v <= 5) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new PacketRejectedException(file + ": item " + it.position() + ": confidence must be 1-5, got '" + s + "'");
    }

    static FilledPacket readPdf(Path file, byte[] bytes, ImportLimits limits) throws PacketRejectedException {
        // The stream cache holds streams PDFBox creates or decodes; bounding it keeps a deflate bomb in the heap's
        // reach from exhausting it (PDFBox then fails with an IOException, reported as an unreadable PDF).
        MemoryUsageSetting memory = MemoryUsageSetting.setupMainMemoryOnly(limits.pdfMemoryBytes());
        try (PDDocument d = Loader.loadPDF(bytes, "", null, null, memory.streamCache)) {
            if (d.getNumberOfPages() > limits.maxPdfPages()) {
                throw new PacketRejectedException(file + ": too many pages: " + d.getNumberOfPages()
                        + " exceeds the limit of " + limits.maxPdfPages() + " for a packet");
            }
            PDAcroForm form = d.getDocumentCatalog().getAcroForm();
            if (form == null || form.getField(PacketFormat.PACKET_ID) == null) {
                throw new PacketRejectedException(file + ": not a study packet (no packet ID field)");
            }
            String id = value(form, PacketFormat.PACKET_ID);
            String digest = value(form, PacketFormat.DIGEST);
            List<FilledItem> items = new ArrayList<>();
            for (int pos = 1; form.getField(PacketFormat.codeField(pos)) != null; pos++) {
                items.add(new FilledItem(pos, value(form, PacketFormat.codeField(pos)),
                        value(form, PacketFormat.classField(pos)), value(form, PacketFormat.wordsField(pos)),
                        value(form, PacketFormat.confidenceField(pos))));
            }
            return new FilledPacket(id, digest, items);
        } catch (IOException e) {
            throw new PacketRejectedException(file + ": not a readable PDF: " + e.getMessage());
        }
    }

    private static String value(PDAcroForm form, String name) {
        PDField f = form.getField(name);
        return f == null ? "" : f.getValueAsString().strip();
    }

    static FilledPacket readCsv(Path file, String text, ImportLimits limits) throws PacketRejectedException {
        List<List<String>> rows;
        try {
            rows = Csv.parse(text, limits.maxCsvRows(), limits.maxCsvFieldChars());
        } catch (Csv.TooLargeException e) {
            throw new PacketRejectedException(file + ": too large for a packet CSV: " + e.getMessage());
        }
        if (rows.isEmpty() || !rows.get(0).stream().map(String::strip).toList().equals(PacketFormat.CSV_HEADER)) {
            throw new PacketRejectedException(file + ": not a study packet CSV (expected header "
                    + String.join(",", PacketFormat.CSV_HEADER) + ")");
        }
        String id = null;
        String digest = null;
        Map<Integer, FilledItem> items = new TreeMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            if (r.size() < PacketFormat.CSV_HEADER.size()) {
                throw new PacketRejectedException(file + ": a row has " + r.size() + " columns, expected "
                        + PacketFormat.CSV_HEADER.size());
            }
            if (id == null) {
                id = r.get(0).strip();
                digest = r.get(1).strip();
            } else if (!id.equals(r.get(0).strip()) || !digest.equals(r.get(1).strip())) {
                throw new PacketRejectedException(file + ": packet " + id + " was altered: rows carry different packet"
                        + " IDs or digests");
            }
            int pos;
            try {
                pos = Integer.parseInt(r.get(2).strip());
            } catch (NumberFormatException e) {
                throw new PacketRejectedException(file + ": item number '" + r.get(2) + "' is not a number");
            }
            if (items.put(pos, new FilledItem(pos, r.get(3).strip(), r.get(5), r.get(6), r.get(7))) != null) {
                throw new PacketRejectedException(file + ": packet " + id + " was altered: item " + pos + " appears twice");
            }
        }
        if (id == null) {
            throw new PacketRejectedException(file + ": the packet CSV has no items");
        }
        return new FilledPacket(id, digest, new ArrayList<>(items.values()));
    }
}
