package org.stylexaudit.attfind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.Bundle;
import org.stylexaudit.engine.EngineOptions;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.store.Workspace;

class DiscoveryTest {

    @TempDir
    Path tmp;

    private static final EffectTable.Column RED_UP = new EffectTable.Column(1, 0);
    private static final EffectTable.Column BLUE_DOWN = new EffectTable.Column(-1, 2);
    private static final EffectTable.Column RED_DOWN = new EffectTable.Column(-1, 0);
    private static final EffectTable.Column BLUE_UP = new EffectTable.Column(1, 2);

    private AttFindConfig config(int n) {
        return AttFindConfig.defaults().withImages(n).withK(2).withBatch(8);
    }

    private static Set<EffectTable.Column> columns(List<Attribute> attributes) {
        Set<EffectTable.Column> s = new HashSet<>();
        attributes.forEach(a -> s.add(a.column()));
        return s;
    }

    @Test
    void run_exhaustive_selectsTheColourCoordinatesPerClassAndStoresThem() throws Exception {
        Path bundle = AttFindFixtures.bundle(tmp.resolve("bundle"));
        try (Workspace ws = Workspace.open(tmp.resolve("ws"));
             EngineSession session = EngineSession.open(Bundle.load(bundle), EngineOptions.cpu().withThreads(1))) {
            AttFindFixtures.images(ws, 16, 3);
            AttFindRun.Outcome o = AttFindRun.run(ws, bundle, session, config(12), List.of(new ColourProbe()),
                    Progress.NONE);
            DiscoveryResult r = o.result();
            assertEquals(8, r.effects().columns().size(), "4 conv coordinates x 2 directions; toRGB not searched");
            int probed = Math.min(FidelityMetrics.ALIGNMENT_IMAGES, r.stableCount());
            assertEquals(12 + 12 * 8 + r.stableCount() * 2 + probed * (1 + r.attributes().size()),
                    r.evaluations(), "reconstructions, all columns, sufficiency, alignment");
            assertEquals(Set.of(RED_DOWN, BLUE_UP), columns(r.attributesOf(0)));
            assertEquals(Set.of(RED_UP, BLUE_DOWN), columns(r.attributesOf(1)));
            for (Attribute a : r.attributes()) {
                assertTrue(a.meanEffect() > 0.02, a + " should raise its class");
                assertFalse(a.coordinate() == 1 || a.coordinate() == 3, "green coordinates change nothing");
            }
            int green = r.effects().indexOf(new EffectTable.Column(1, 1));
            for (float[][] image : r.effects().effects()) {
                assertEquals(0f, image[green][1], 1e-6f);
            }
            assertTrue(r.sufficiency()[1] >= r.sufficiency()[0] && r.sufficiency()[1] > 0,
                    "two attributes flip at least as many decisions as one");
            assertEquals(1.0, r.reconstructionAgreement(), "this synthesis reconstructs exactly");
            for (Attribute a : r.attributes()) {
                FactorAlignment warmth = r.alignment().stream().filter(f -> f.attributeId().equals(a.id())
                        && f.factor().equals("cast_warmth")).findFirst().orElseThrow();
                // Toward red means more red or less blue: the colour cast warms; toward other it cools.
                assertEquals(a.targetClass() == 1 ? 1.0 : -1.0, Math.signum(warmth.change()), a.toString());
            }

            AttFindStore store = new AttFindStore(ws);
            assertEquals(o.runId(), store.latestRun().orElseThrow());
            assertEquals(r.attributes(), store.attributes(o.runId()));
            assertEquals(r.sufficiency().length, store.sufficiency(o.runId()).length);
            AttFindStore.StoredImage img = store.image(o.runId(), r.images().keys().get(0), 2).orElseThrow();
            assertEquals(r.effects().effects()[0][3][1], img.effects()[3][1]);
            assertTrue(ws.runs().find(o.runId()).orElseThrow().summary().contains("runs/" + o.runId()
                    + "/findings/findings.json"));
        }
    }

    @Test
    void run_screened_evaluatesOnlyCandidatesAndAgreesWithExhaustive() throws Exception {
        Path bundle = AttFindFixtures.bundle(tmp.resolve("bundle"));
        try (Workspace ws = Workspace.open(tmp.resolve("ws"));
             EngineSession session = EngineSession.open(Bundle.load(bundle), EngineOptions.cpu().withThreads(1))) {
            AttFindFixtures.images(ws, 12, 4);
            AttFindConfig screened = config(12).withMethod(AttFindConfig.Method.SCREENED).withCandidates(2);
            DiscoveryResult s = new Discovery(session, screened, List.of()).run(ws, Progress.NONE);
            DiscoveryResult e = new Discovery(session, config(12), List.of()).run(ws, Progress.NONE);
            assertEquals(4, s.effects().columns().size(), "2 candidates for each of 2 classes");
            assertEquals(columns(e.attributesOf(0)), columns(s.attributesOf(0)));
            assertEquals(columns(e.attributesOf(1)), columns(s.attributesOf(1)));
            for (Attribute a : s.attributes()) {
                int se = s.effects().indexOf(a.column());
                int ee = e.effects().indexOf(a.column());
                assertEquals(e.effects().effects()[0][ee][1], s.effects().effects()[0][se][1], 1e-6f,
                        "candidates are evaluated exactly, not estimated");
            }
        }
    }

    @Test
    void gradients_matchFiniteDifferencesOfTheClosedForm() throws Exception {
        Path bundle = AttFindFixtures.bundle(tmp.resolve("bundle"));
        float[] s = {0.6f, 0.3f, 0.2f, 0.3f, 0.6f, 0.3f};
        EncodedImages one = new EncodedImages(List.of("k"), new float[][] {s}, new float[][] {{0.5f, 0.5f}},
                new float[][] {{0.5f, 0.5f}}, new double[] {99});
        float[][][] g = GradientScreen.gradients(Bundle.load(bundle), one, Progress.NONE);
        double z = AttFindFixtures.SCALE * (s[0] - s[2]);
        double p = 1 / (1 + Math.exp(-z));
        double dp = p * (1 - p) * AttFindFixtures.SCALE;
        assertEquals(dp, g[0][1][0], 1e-5);
        assertEquals(-dp, g[0][1][2], 1e-5);
        assertEquals(0, g[0][1][1], 1e-7);
        assertEquals(-dp, g[0][0][0], 1e-5);
        assertEquals(0, g[0][1][4], 1e-7, "toRGB coordinates are not drawn by this synthesis");
    }

    @Test
    void run_badInput_failsWithClearMessages() throws Exception {
        Path bundle = AttFindFixtures.bundle(tmp.resolve("bundle"));
        try (Workspace ws = Workspace.open(tmp.resolve("ws"));
             EngineSession session = EngineSession.open(Bundle.load(bundle), EngineOptions.cpu().withThreads(1))) {
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                    () -> new Discovery(session, config(2), List.of()).run(ws, Progress.NONE));
            assertTrue(empty.getMessage().contains("no accepted images"), empty.getMessage());
            AttFindFixtures.images(ws, 3, 1);
            IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                    () -> new Discovery(session, config(5), List.of()).run(ws, Progress.NONE));
            assertTrue(many.getMessage().contains("more than the 3 accepted images"), many.getMessage());
            IllegalArgumentException bigK = assertThrows(IllegalArgumentException.class,
                    () -> new Discovery(session, config(3).withK(5), List.of()).run(ws, Progress.NONE));
            assertTrue(bigK.getMessage().contains("exceeds the 4 searchable"), bigK.getMessage());
        }
    }

    @Test
    void write_findings_matchTheReportContract() throws Exception {
        Path bundle = AttFindFixtures.bundle(tmp.resolve("bundle"));
        try (Workspace ws = Workspace.open(tmp.resolve("ws"));
             EngineSession session = EngineSession.open(Bundle.load(bundle), EngineOptions.cpu().withThreads(1))) {
            AttFindFixtures.images(ws, 10, 5);
            AttFindRun.Outcome o = AttFindRun.run(ws, bundle, session, config(10), List.of(new ColourProbe()),
                    Progress.NONE);
            JsonNode f = new ObjectMapper().readTree(o.findings().toFile());
            Path frames = o.findings().getParent().resolve("frames");
            assertEquals(List.of("other", "red"), List.of(f.at("/classNames/0").asText(), f.at("/classNames/1").asText()));
            assertEquals(4, f.get("attributes").size());
            for (JsonNode a : f.get("attributes")) {
                assertTrue(Set.of("other", "red").contains(a.get("targetClass").asText()));
                assertEquals(2, a.get("curves").size());
                for (JsonNode strip : a.get("strips")) {
                    boolean original = false;
                    for (JsonNode fr : strip.get("frames")) {
                        original |= fr.get("shift").asDouble() == 0;
                        double p = fr.get("probability").asDouble();
                        assertTrue(p >= 0 && p <= 1);
                        assertTrue(Files.isRegularFile(frames.resolve(fr.get("image").asText())));
                    }
                    assertTrue(original, "every strip has its original");
                }
                // The frame at +1 applies the attribute: its target probability must not fall below the original's.
                JsonNode fr = a.at("/strips/0/frames");
                assertTrue(fr.get(4).get("probability").asDouble() >= fr.get(2).get("probability").asDouble());
            }
            JsonNode e = f.at("/explanations/0");
            assertTrue(Files.isRegularFile(frames.resolve(e.at("/original/image").asText())));
            assertTrue(e.at("/ranked/0/probabilityAfter").asDouble() > e.at("/ranked/0/probabilityBefore").asDouble());
            assertEquals(2, f.at("/fidelity/sufficiency").size());
            assertEquals(o.runId(), f.at("/run/runId").asLong());
        }
    }
}
