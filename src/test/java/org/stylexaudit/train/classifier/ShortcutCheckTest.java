package org.stylexaudit.train.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShortcutCheckTest {

    @Test
    void cameraLabels_majorityPerCamera_ignoresEmptyCamera() {
        ImageSet set = new ImageSet(1, Collections.nCopies(6, new float[3]), new int[] {1, 1, 0, 0, 0, 1},
                List.of("A", "A", "A", "B", "B", ""), "x");
        assertEquals(Map.of("A", 1, "B", 0), ShortcutCheck.cameraLabels(set));
    }
}
