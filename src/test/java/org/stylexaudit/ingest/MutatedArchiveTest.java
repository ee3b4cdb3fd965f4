package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.cli.Main;
import org.stylexaudit.dicom.Uids;
import org.stylexaudit.fuzz.Mutator;
import org.stylexaudit.store.InstanceStore.Instance;
import org.stylexaudit.store.Workspace;

/**
 * Ingests an archive of good DICOM, PNG and JPEG files plus bit-flipped, truncated and spliced copies of them,
 * through the command line. The plain suite uses 300 mutants; {@code -Dharden.mutants=5000} runs thousands
 * (docs/reliability.md records such a run).
 */
class MutatedArchiveTest {

    private static final long SEED = 20261127L;
    private static final int INTACT_PER_FORMAT = 8;

    @TempDir
    Path tmp;

    @Test
    void ingest_mutatedCopiesOfGoodFiles_keepsEveryIntactFileAndGivesEveryOtherOneAReason() throws Exception {
        int mutants = Integer.getInteger("harden.mutants", 300);
        Path src = Files.createDirectories(tmp.resolve("archive"));
        List<String> intact = writeIntact(src.resolve("a-intact"));
        List<byte[]> originals = new ArrayList<>();
        for (String rel : intact) {
            originals.add(Files.readAllBytes(src.resolve(rel)));
        }
        // Mutants sort after the intact files, so a mutant that still decodes is the duplicate, never an original.
        Path mutDir = Files.createDirectories(src.resolve("b-mutants"));
        Random random = new Random(SEED);
        for (int i = 0; i < mutants; i++) {
            int from = random.nextInt(originals.size());
            byte[] m = Mutator.mutate(random, List.of(originals.get(from), originals.get(random.nextInt(
                    originals.size()))));
            String ext = intact.get(from).substring(intact.get(from).lastIndexOf('.'));
            Files.write(mutDir.resolve(String.format("m%05d%s", i, ext)), m);
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"ingest", "--quiet", "--keep-paths", "-w", tmp.resolve("ws").toString(),
                "-s", src.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertTrue(exit == 0 || exit == 3, "exit " + exit + ": " + err);

        try (Workspace ws = Workspace.open(tmp.resolve("ws"))) {
            Map<String, Instance> rows = ws.instances().all().stream()
                    .collect(Collectors.toMap(Instance::sourcePath, r -> r));
            assertEquals(intact.size() + mutants, rows.size(), "every file has a catalog row");
            for (String rel : intact) {
                assertEquals("accepted", rows.get(rel).status(), rel + ": " + rows.get(rel).rejectionReason());
            }
            String printed = out.toString();
            int rejected = 0;
            for (Instance r : rows.values()) {
                if (!"accepted".equals(r.status())) {
                    assertFalse(r.rejectionReason() == null || r.rejectionReason().isBlank(), r.sourcePath());
                }
                if ("rejected".equals(r.status())) {
                    rejected++;
                    assertTrue(printed.contains("rejected " + r.sourcePath() + ": " + r.rejectionReason()),
                            "the summary lists " + r.sourcePath());
                }
            }
            assertTrue(rejected > mutants / 4, "most mutants are broken, got " + rejected + " rejected");
            assertEquals(rejected > 0 ? 3 : 0, exit);
            Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "mutated-archive-summary.txt"),
                    printed.lines().limit(1).collect(Collectors.joining()) + "\n");
        }
    }

    /** Writes distinct good fundus images as DICOM, PNG and JPEG and returns their paths relative to the source. */
    private static List<String> writeIntact(Path dir) throws Exception {
        Files.createDirectories(dir);
        List<String> rel = new ArrayList<>();
        for (int i = 0; i < INTACT_PER_FORMAT; i++) {
            var img = FundusFixtures.fundus(160, 128, 80, 64, 56 + i, 100 + i);
            FundusFixtures.write(FundusFixtures.dicom(Uids.OphthalmicPhotography8BitImageStorage,
                    "2.25.9" + i, "2.25.8", img, true), dir.resolve("d" + i + ".dcm"));
            FundusFixtures.write(FundusFixtures.fundus(160, 128, 80, 64, 50 + i, 200 + i), "png",
                    dir.resolve("p" + i + ".png"));
            FundusFixtures.write(FundusFixtures.fundus(160, 128, 80, 64, 52 + i, 300 + i), "jpeg",
                    dir.resolve("j" + i + ".jpg"));
            rel.add("a-intact/d" + i + ".dcm");
            rel.add("a-intact/p" + i + ".png");
            rel.add("a-intact/j" + i + ".jpg");
        }
        return rel;
    }
}
