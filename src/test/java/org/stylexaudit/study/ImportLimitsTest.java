package org.stylexaudit.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.store.Workspace;

class ImportLimitsTest {

    private static final Path CSV = Path.of("packet.csv");
    private static final String HEADER = String.join(",", PacketFormat.CSV_HEADER) + "\r\n";

    @TempDir
    Path tmp;

    @Test
    void readCsv_moreRowsThanTheLimit_isRejectedNamingTheLimit() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 5; i++) {
            csv.append("P-A,d,").append(i).append(",C").append(i).append(",x.png,1,,3\r\n");
        }
        ImportLimits limits = ImportLimits.DEFAULT.withCsv(3, 1000);
        PacketRejectedException e = assertThrows(PacketRejectedException.class,
                () -> StudyImporter.readCsv(CSV, csv.toString(), limits));
        assertTrue(e.getMessage().contains("more than 3 rows"), e.getMessage());
        assertTrue(e.getMessage().startsWith("packet.csv: "), e.getMessage());
    }

    @Test
    void readCsv_unterminatedQuoteLongerThanTheFieldLimit_isRejected() {
        String csv = HEADER + "P-A,d,1,C1,x.png,1,\"" + "words ".repeat(200);
        PacketRejectedException e = assertThrows(PacketRejectedException.class,
                () -> StudyImporter.readCsv(CSV, csv, ImportLimits.DEFAULT.withCsv(100, 500)));
        assertTrue(e.getMessage().contains("longer than 500 characters"), e.getMessage());
    }

    @Test
    void readCsv_withinTheLimits_readsEveryItem() throws Exception {
        String csv = HEADER + "P-A,d,1,C1,x.png,1,,3\r\nP-A,d,2,C2,y.png,2,\"a, b\",\r\n";
        StudyImporter.FilledPacket p = StudyImporter.readCsv(CSV, csv, ImportLimits.DEFAULT.withCsv(3, 20));
        assertEquals(2, p.items().size());
        assertEquals("a, b", p.items().get(1).words());
    }

    @Test
    void readPdf_morePagesThanTheLimit_isRejected() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument d = new PDDocument()) {
            d.addPage(new PDPage());
            d.addPage(new PDPage());
            d.addPage(new PDPage());
            d.save(out);
        }
        PacketRejectedException e = assertThrows(PacketRejectedException.class, () -> StudyImporter.readPdf(
                Path.of("packet.pdf"), out.toByteArray(), ImportLimits.DEFAULT.withMaxPdfPages(2)));
        assertTrue(e.getMessage().contains("too many pages: 3 exceeds the limit of 2"), e.getMessage());
    }

    @Test
    void importFiles_fileLargerThanTheLimit_isRejectedBeforeReading() throws Exception {
        Path big = tmp.resolve("packet.csv");
        Files.writeString(big, HEADER + "P-A,d,1,C1,x.png,1,,3\r\n");
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            ImportResult r = new StudyImporter(ws, ImportLimits.DEFAULT.withMaxFileBytes(20)).importFiles(List.of(big));
            assertEquals(0, r.imported().size());
            assertEquals(1, r.rejected().size());
            assertTrue(r.rejected().get(0).reason().contains("exceeds the limit of 20 bytes"),
                    r.rejected().get(0).reason());
        }
    }

    @Test
    void constructor_nonPositiveLimit_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImportLimits.DEFAULT.withMaxPdfPages(0));
    }
}
