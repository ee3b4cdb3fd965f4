package org.stylexaudit.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;
import org.stylexaudit.report.FindingsFixture;
import org.stylexaudit.report.PopplerRenderTest;
import org.stylexaudit.report.ReportTemplate;
import org.stylexaudit.store.Workspace;

/** Renders a study packet with poppler: every radio button is visible, and the instructions are text. */
@Tag("external")
class PacketPopplerTest {

    @TempDir
    Path tmp;

    @Test
    void packet_radiosVisibleAndTextExtractable() throws Exception {
        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            ExportSummary s = new StudyExporter(ws, ReportTemplate.bundled("study.yaml"), Progress.NONE)
                    .export(FindingsFixture.write(tmp.resolve("f"), 2, 4, 5, 3L), null, new StudyConfig(1, 2, 1L),
                            tmp.resolve("out"));
            Path pdf = s.packets().get(0).pdf();
            List<int[]> ink = PopplerRenderTest.buttonInk(pdf, Files.createDirectories(tmp.resolve("png")));
            // 4 items x (3 class radios + 5 confidence radios)
            assertEquals(4 * 8, ink.size());
            for (int[] w : ink) {
                assertTrue(w[1] > 10, "radio on page " + (w[0] + 1) + " is blank in poppler");
            }
            String text = PopplerRenderTest.exec(List.of("pdftotext", pdf.toString(), "-"));
            assertTrue(text.contains("StylEx user study"), text);
            assertTrue(text.contains("Item 4"), text);
            assertTrue(text.contains(s.packets().get(0).packetId()) || text.contains("Packet ID"), text);
        }
    }
}
