package org.stylexaudit.train.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthCsvTest {

    @TempDir
    Path dir;

    @Test
    void read_synthLayout_givesRowsPerSplit() throws Exception {
        Path csv = TinyArchive.write(dir, 10, 16, 1);
        GroundTruthCsv.Table t = GroundTruthCsv.read(csv, "referable_dr");
        assertEquals(10, t.images().size());
        assertEquals(6, t.split("train").size());
        assertEquals(2, t.split("validation").size());
        assertEquals(2, t.split("test").size());
        assertEquals(1, t.images().get(1).label());
        assertEquals("images/img1.png", t.images().get(1).relativePath());
        assertTrue(Files.isRegularFile(t.images().get(1).file()));
        assertEquals(3, t.images().get(1).line());
    }

    @Test
    void read_badLabel_namesFileAndLine() throws Exception {
        Path csv = dir.resolve("gt.csv");
        Files.writeString(csv, "file,referable_dr,split\na.png,1,train\nb.png,maybe,train\n");
        GroundTruthException e = assertThrows(GroundTruthException.class,
                () -> GroundTruthCsv.read(csv, "referable_dr"));
        assertTrue(e.getMessage().startsWith(csv + ":3: "), e.getMessage());
        assertTrue(e.getMessage().contains("'maybe'"), e.getMessage());
    }

    @Test
    void read_wrongFieldCount_namesFileAndLine() throws Exception {
        Path csv = dir.resolve("gt.csv");
        Files.writeString(csv, "file,referable_dr,split\n\"a,1.png\",1,train\nb.png,0\n");
        GroundTruthException e = assertThrows(GroundTruthException.class,
                () -> GroundTruthCsv.read(csv, "referable_dr"));
        assertTrue(e.getMessage().startsWith(csv + ":3: expected 3 fields"), e.getMessage());
    }

    @Test
    void read_missingLabelColumn_namesFileAndHeaderLine() throws Exception {
        Path csv = dir.resolve("gt.csv");
        Files.writeString(csv, "file,split\na.png,train\n");
        GroundTruthException e = assertThrows(GroundTruthException.class,
                () -> GroundTruthCsv.read(csv, "referable_dr"));
        assertTrue(e.getMessage().startsWith(csv + ":1: no label column 'referable_dr'"), e.getMessage());
    }

    @Test
    void read_unterminatedQuote_namesFileAndLine() throws Exception {
        Path csv = dir.resolve("gt.csv");
        Files.writeString(csv, "file,referable_dr,split\n\"a.png,1,train\n");
        GroundTruthException e = assertThrows(GroundTruthException.class,
                () -> GroundTruthCsv.read(csv, "referable_dr"));
        assertTrue(e.getMessage().startsWith(csv + ":2: unterminated"), e.getMessage());
    }

    @Test
    void read_dicomRow_usesPngTwinOrSkips() throws Exception {
        Files.writeString(dir.resolve("a.png"), "not really a png; only its existence matters here");
        Path csv = dir.resolve("gt.csv");
        Files.writeString(csv, "file,referable_dr,split\na.dcm,1,train\nb.dcm,0,train\n");
        GroundTruthCsv.Table t = GroundTruthCsv.read(csv, "referable_dr");
        assertEquals(1, t.images().size());
        assertEquals("a.png", t.images().get(0).relativePath());
        assertEquals(1, t.skipped());
    }
}
