package org.stylexaudit.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decodes every file of the DICOM test corpus shipped by Debian's python3-pydicom and compares each frame with
 * dcmtk's dcm2pnm; prints the outcome table (decoded-equal / within-tolerance / refused / skipped).
 */
@Tag("external")
class PydicomCorpusTest {

    static final Path CORPUS = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    /** Largest per-channel difference accepted for lossy JPEG (different IDCT and colour rounding). */
    static final int LOSSY_TOLERANCE = 8;
    /** Largest difference accepted for lossless data: rounding of the VOI window and YBR conversion. */
    static final int LOSSLESS_TOLERANCE = 1;

    @TempDir
    Path tmp;

    enum Outcome { EQUAL, WITHIN_TOLERANCE, REFUSED, SKIPPED_NON_IMAGE, MISMATCH }

    record Row(String file, Outcome outcome, String detail) {
    }

    @Test
    void decodeCorpus_matchesDcmtkOrRefusesCleanly() throws Exception {
        assumeTrue(Files.isDirectory(CORPUS), "pydicom test files not installed");
        assumeTrue(Dcmtk.available("dcmj2pnm"), "dcmtk not installed");
        List<Path> files;
        try (Stream<Path> s = Files.walk(CORPUS)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Row> rows = new ArrayList<>();
        for (Path f : files) {
            Row row = check(f);
            if (row.outcome() == Outcome.REFUSED || row.outcome() == Outcome.SKIPPED_NON_IMAGE) {
                row = checkCommandRefuses(row);
            }
            rows.add(row);
        }
        Map<Outcome, Integer> counts = new TreeMap<>();
        StringBuilder table = new StringBuilder("pydicom corpus outcome (" + files.size() + " files)\n");
        for (Row r : rows) {
            counts.merge(r.outcome(), 1, Integer::sum);
            table.append(String.format("%-20s %-55s %s%n", r.outcome(), CORPUS.relativize(Path.of(r.file())),
                    r.detail()));
        }
        table.append("counts: ").append(counts).append('\n');
        System.out.print(table);
        Files.writeString(Path.of("target", "pydicom-corpus-outcome.txt"), table);
        List<Row> bad = rows.stream().filter(r -> r.outcome() == Outcome.MISMATCH).toList();
        assertEquals(List.of(), bad, "files whose pixels differ from dcmtk beyond tolerance");
        assertTrue(counts.getOrDefault(Outcome.EQUAL, 0) > 20, "expected most image files to decode equal");
    }

    private Row check(Path f) throws Exception {
        DicomObject ds;
        try {
            ds = new DicomReader(ReadLimits.DEFAULT).read(f);
        } catch (DicomException e) {
            return new Row(f.toString(), Outcome.REFUSED, oneLine(e));
        }
        if (!ds.contains(org.stylexaudit.dicom.Tag.PixelData)) {
            return new Row(f.toString(), Outcome.SKIPPED_NON_IMAGE, "no pixel data");
        }
        ImageDecoder decoder = new ImageDecoder();
        int frames;
        try {
            frames = decoder.frameCount(ds);
        } catch (DicomException e) {
            return new Row(f.toString(), Outcome.REFUSED, oneLine(e));
        }
        boolean lossy = isLossy(ds);
        int worst = 0;
        double worstMean = 0;
        for (int frame = 1; frame <= frames; frame++) {
            BufferedImage ours;
            try {
                ours = decoder.decodeFrame(ds, frame - 1);
            } catch (DicomException e) {
                return new Row(f.toString(), Outcome.REFUSED, "frame " + frame + ": " + oneLine(e));
            }
            BufferedImage truth = Dcmtk.decode(f, frame, ds, tmp);
            if (truth == null) {
                return new Row(f.toString(), Outcome.MISMATCH, "we decode frame " + frame + " but dcmtk cannot");
            }
            int diff = Dcmtk.maxDifference(ours, truth);
            if (diff < 0) {
                return new Row(f.toString(), Outcome.MISMATCH, "size differs from dcmtk on frame " + frame);
            }
            worst = Math.max(worst, diff);
            worstMean = Math.max(worstMean, Dcmtk.meanDifference(ours, truth));
        }
        String detail = String.format("%d frame(s), max diff %d, mean %.3f%s", frames, worst, worstMean,
                lossy ? " (lossy)" : "");
        if (worst == 0) {
            return new Row(f.toString(), Outcome.EQUAL, detail);
        }
        int tolerance = lossy ? LOSSY_TOLERANCE : LOSSLESS_TOLERANCE;
        return new Row(f.toString(), worst <= tolerance ? Outcome.WITHIN_TOLERANCE : Outcome.MISMATCH, detail);
    }

    /** Runs {@code dicom png} on a file the API refused: exit 1 and exactly one line on stderr, or a MISMATCH. */
    private Row checkCommandRefuses(Row row) {
        java.io.StringWriter err = new java.io.StringWriter();
        int rc = org.stylexaudit.cli.Main.run(new String[] {"dicom", "png", row.file(), "--out",
                tmp.resolve("refused.png").toString()}, new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true));
        long lines = err.toString().trim().lines().count();
        if (rc != 1 || lines != 1) {
            return new Row(row.file(), Outcome.MISMATCH, "dicom png exit " + rc + " with " + lines
                    + " lines on stderr: " + err);
        }
        return row;
    }

    static boolean isLossy(DicomObject ds) {
        String ts = ds.transferSyntax();
        return Uids.JPEGBaseline8Bit.equals(ts) || Uids.JPEGExtended12Bit.equals(ts);
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.split("\n")[0];
    }
}
