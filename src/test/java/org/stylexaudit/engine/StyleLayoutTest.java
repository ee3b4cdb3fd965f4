package org.stylexaudit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StyleLayoutTest {

    @Test
    void problems_codeLayerAtTheEnd_isValidAndNeverSearched() {
        StyleLayout layout = new StyleLayout(List.of(new StyleLayout.Layer("b4_conv", 0, 4, 4, "conv"),
                new StyleLayout.Layer("b4_rgb", 4, 2, 4, "torgb"),
                new StyleLayout.Layer("code", 6, 2 * 2 * 2, 2, "code")));
        assertEquals(List.of(), layout.problems());
        assertEquals(14, layout.totalSize());
        assertEquals(4, layout.searchableSize(), "only the convolution styles are StyleSpace");
        assertFalse(layout.layerOf(13).searchable());
    }

    @Test
    void problems_unknownKind_namesTheLayerAndTheKindsKnown() {
        StyleLayout layout = new StyleLayout(List.of(new StyleLayout.Layer("b4_conv", 0, 4, 4, "conv"),
                new StyleLayout.Layer("extra", 4, 3, 4, "noise")));
        List<String> problems = layout.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'extra' has kind 'noise'")
                && problems.get(0).contains("conv, torgb or code"), problems.get(0));
    }
}
