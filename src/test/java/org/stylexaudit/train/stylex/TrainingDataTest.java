package org.stylexaudit.train.stylex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

    @TempDir
    Path tmp;

    @Test
    void load_groundTruthCsv_holdsOutTestRowsAndKeepsDigestStable() throws Exception {
        Path dir = TestFixtures.images(tmp.resolve("a"), 8, 3, 16, 1);
        TrainingData d = TrainingData.load(dir, 16, 0.5);
        assertEquals(List.of("img005.png", "img006.png", "img007.png"), d.heldOutNames());
        assertEquals(5, d.trainCount());
        assertEquals(d.digest(), TrainingData.load(dir, 16, 0.5).digest());
        assertNotEquals(d.digest(), TrainingData.load(dir, 8, 0.5).digest(), "resolution is part of the digest");
    }

    @Test
    void batch_sameStep_sameImagesAndEveryImageOncePerEpoch() throws Exception {
        Path dir = TestFixtures.images(tmp.resolve("b"), 9, 1, 8, 2);
        TrainingData d = TrainingData.load(dir, 8, 0.5);
        assertArrayEquals(d.batch(3, 2, 42), d.batch(3, 2, 42));
        // 8 training images, batch 2: steps 0..3 form one epoch and must cover every image exactly once.
        int plane = 3 * 8 * 8;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int s = 0; s < 4; s++) {
            float[] b = d.batch(s, 2, 42);
            for (int i = 0; i < 2; i++) {
                seen.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(b, i * plane, (i + 1) * plane)));
            }
        }
        assertEquals(8, seen.size());
    }

    @Test
    void load_plainPngFolder_splitsByNameHash() throws Exception {
        Path dir = TestFixtures.images(tmp.resolve("c"), 30, 0, 8, 3);
        Files.delete(dir.resolve("ground-truth.csv")); // a workspace cache: PNGs only
        TrainingData d = TrainingData.load(dir, 8, 0.3);
        assertEquals(30, d.trainCount() + d.heldOutCount());
        for (String name : d.heldOutNames()) {
            assertTrue(TrainingData.hashFraction(name) < 0.3, name);
        }
        for (String name : d.trainNames()) {
            assertTrue(TrainingData.hashFraction(name) >= 0.3, name);
        }
    }

    @Test
    void load_noImages_fails() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        assertThrows(StylexException.class, () -> TrainingData.load(tmp.resolve("empty"), 16, 0.1));
    }
}
