package org.stylexaudit.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that change or vanish between the walk and the read, or while being read. */
class FileChangeTest {

    private static final UnaryOperator<String> KEYER = s -> Integer.toHexString(s.hashCode());

    @TempDir
    Path tmp;
    Path src;
    Path cache;

    @BeforeEach
    void tree() throws IOException {
        src = Files.createDirectories(tmp.resolve("archive")).toRealPath();
        cache = Files.createDirectories(tmp.resolve("cache"));
        FundusFixtures.write(FundusFixtures.fundus(300, 240, 150, 120, 110, 1), "png", src.resolve("a.png"));
    }

    private FolderWalker.Entry only() throws IOException {
        List<FolderWalker.Entry> entries = new FolderWalker(src).walk();
        assertEquals(1, entries.size());
        return entries.get(0);
    }

    @Test
    void process_fileDeletedAfterTheWalk_isRejectedAsVanished() throws IOException {
        FolderWalker.Entry e = only();
        Files.delete(e.file());
        Outcome o = new FileProcessor(cache, KEYER, IngestOptions.of(src)).process(e, null);
        assertEquals(Disposition.REJECTED, o.disposition());
        assertTrue(o.reason().startsWith(Reasons.UNREADABLE + "the file vanished"), o.reason());
    }

    @Test
    void process_fileChangedOnceWhileRead_isReadAgainAndAccepted() throws IOException {
        FolderWalker.Entry e = only();
        long sizeAtWalk = e.size();
        FileProcessor p = new FileProcessor(cache, KEYER, IngestOptions.of(src), (file, attempt) -> {
            if (attempt == 0) {
                // Bytes after IEND are ignored by PNG readers, so the file stays a valid image of a new size.
                Files.write(file, new byte[16], StandardOpenOption.APPEND);
            }
        });
        Outcome o = p.process(e, null);
        assertEquals(Disposition.ACCEPTED, o.disposition(), o.reason());
        assertEquals(sizeAtWalk + 16, o.entry().size(), "the row describes the content that was read");
        try (var files = Files.list(cache)) {
            assertEquals(1, files.count(), "the first attempt's cache image was discarded");
        }
    }

    @Test
    void process_fileChangingOnEveryRead_isRejectedWithTheReason() throws IOException {
        FolderWalker.Entry e = only();
        FileProcessor p = new FileProcessor(cache, KEYER, IngestOptions.of(src),
                (file, attempt) -> Files.write(file, new byte[16], StandardOpenOption.APPEND));
        Outcome o = p.process(e, null);
        assertEquals(Disposition.REJECTED, o.disposition());
        assertTrue(o.reason().contains("changed while it was being read, twice"), o.reason());
        try (var files = Files.list(cache)) {
            assertEquals(0, files.count(), "no temporary cache image is left behind");
        }
    }

    @Test
    void process_fileVanishingWhileRead_isRejectedAsVanished() throws IOException {
        FolderWalker.Entry e = only();
        FileProcessor p = new FileProcessor(cache, KEYER, IngestOptions.of(src),
                (file, attempt) -> Files.delete(file));
        Outcome o = p.process(e, null);
        assertEquals(Disposition.REJECTED, o.disposition());
        assertTrue(o.reason().contains("vanished"), o.reason());
    }
}
