package org.stylexaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stylexaudit.attfind.AttFindConfig;

class ImageSetTest {

    private static final AttFindConfig CONFIG = AttFindConfig.defaults().withImages(3).withK(2);

    @Test
    void of_sameKeysInAnotherOrder_sameName() {
        assertEquals(ImageSet.of(List.of("a", "b", "c"), "sha", CONFIG),
                ImageSet.of(List.of("c", "a", "b"), "sha", CONFIG));
    }

    @Test
    void of_newImageOtherClassifierOrOtherSettings_otherName() {
        ImageSet base = ImageSet.of(List.of("a", "b", "c"), "sha", CONFIG);
        assertNotEquals(base.digest(), ImageSet.of(List.of("a", "b", "c", "d"), "sha", CONFIG).digest());
        assertNotEquals(base.digest(), ImageSet.of(List.of("a", "b", "c"), "sha2", CONFIG).digest());
        assertNotEquals(base.digest(), ImageSet.of(List.of("a", "b", "c"), "sha", CONFIG.withK(3)).digest());
        // Keys are joined with a separator, so ["ab", "c"] and ["a", "bc"] differ.
        assertNotEquals(ImageSet.of(List.of("ab", "c"), "sha", CONFIG).digest(),
                ImageSet.of(List.of("a", "bc"), "sha", CONFIG).digest());
    }
}
