package org.stylexaudit.attfind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttributeSelectorTest {

    private static final int CLASSES = 2;

    /** Three images predicted class 0; {@code towardOne[c]} is column c's effect on class 1 in every image. */
    private static EffectTable table(float... towardOne) {
        List<EffectTable.Column> cols = new ArrayList<>();
        for (int c = 0; c < towardOne.length; c++) {
            cols.add(new EffectTable.Column(1, c));
        }
        float[][][] effects = new float[3][towardOne.length][CLASSES];
        for (float[][] image : effects) {
            for (int c = 0; c < towardOne.length; c++) {
                image[c][1] = towardOne[c];
                image[c][0] = -towardOne[c];
            }
        }
        return new EffectTable(cols, effects, new double[3]);
    }

    private static EncodedImages images() {
        float[][] p = {{0.9f, 0.1f}, {0.8f, 0.2f}, {0.95f, 0.05f}};
        return new EncodedImages(List.of("a", "b", "c"), new float[3][4], p, p, new double[] {30, 30, 30});
    }

    private static boolean[] allStable() {
        boolean[] s = new boolean[3];
        Arrays.fill(s, true);
        return s;
    }

    @Test
    void selectClass_remainingColumnsMoveNothing_stopsBeforeK() {
        EffectTable t = table(0.3f, 1e-5f, 0f, -0.2f);
        List<Integer> chosen = AttributeSelector.selectClass(t, images(), allStable(), 1, 3, 0.2);
        assertEquals(List.of(0), chosen, "columns with ~0 effect are noise, not attributes");
    }

    @Test
    void selectClass_smallButRealEffects_areStillSelected() {
        EffectTable t = table(0.05f, 0.01f, 0.002f, 0f);
        List<Integer> chosen = AttributeSelector.selectClass(t, images(), allStable(), 1, 4, 0.2);
        assertEquals(List.of(0, 1, 2), chosen);
    }

    @Test
    void shortfallNotes_nameTheClassAndTheCount() {
        List<Attribute> attributes = List.of(
                new Attribute("A1", 1, 1, 1, 0, 0, "b4_conv", 0, 0.3, 1.0));
        List<String> notes = AttributeSelector.shortfallNotes(attributes, List.of("healthy", "disease"), 3);
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("healthy: 0 of 3 attributes"), notes.get(0));
        assertTrue(notes.get(1).startsWith("disease: 1 of 3 attributes"), notes.get(1));
        assertTrue(AttributeSelector.shortfallNotes(attributes, List.of("healthy", "disease"), 1).size() == 1,
                "a class with k attributes gets no note");
    }
}
