package org.stylexaudit.study;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.stylexaudit.store.Workspace;

/**
 * Scores a study from imported answers: per attribute the accuracy of "which class does the change push toward"
 * with a Wilson 95 % interval and an exact binomial test against guessing, Fleiss' kappa across reviewers, and the
 * words reviewers used most.
 *
 * <pre>{@code
 * StudyScores s = new StudyScorer(ws).score(null);   // the latest study
 * }</pre>
 */
public final class StudyScorer {

    private static final int TOP_WORDS = 5;
    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "more", "less", "than", "into",
            "image", "images", "from", "that", "this", "are", "was", "has", "have", "very", "bit", "gets", "get",
            "becomes", "become", "its", "some", "toward", "towards", "change", "changes", "changed", "looks", "look");

    private final Workspace ws;

    /** Creates a scorer reading from {@code ws}. */
    public StudyScorer(Workspace ws) {
        this.ws = ws;
    }

    /** Scores study {@code studyId}, or the latest study when null. */
    public StudyScores score(Long studyId) throws StudyException {
        StudyStore store = new StudyStore(ws.connection());
        try {
            long id;
            if (studyId == null) {
                id = store.latestStudy().orElseThrow(() -> new StudyException("no study in workspace " + ws.dir()
                        + "; run 'study export' first"));
            } else if (store.studyExists(studyId)) {
                id = studyId;
            } else {
                throw new StudyException("no study " + studyId + " in workspace " + ws.dir());
            }
            List<String> classes = store.classNames(id);
            List<StudyStore.Answer> answers = store.answers(id);
            int imported = store.packetCount(id, true);
            Map<String, List<StudyStore.Answer>> byAttribute = answers.stream().collect(Collectors.groupingBy(
                    StudyStore.Answer::attributeId, LinkedHashMap::new, Collectors.toList()));
            List<StudyScores.AttributeScore> scores = new ArrayList<>();
            for (Map.Entry<String, List<StudyStore.Answer>> e : byAttribute.entrySet()) {
                scores.add(attribute(e.getKey(), e.getValue(), classes, imported));
            }
            scores.sort(Comparator.comparing(StudyScores.AttributeScore::attributeId, StudyScorer::naturalOrder));
            int[][] table = kappaTable(answers, classes, imported);
            return new StudyScores(id, classes, store.packetCount(id, false), imported, scores,
                    table.length == 0 ? Double.NaN : FleissKappa.of(table), table.length);
        } catch (SQLException e) {
            throw new StudyException("cannot read study answers: " + e.getMessage(), e);
        }
    }

    private static StudyScores.AttributeScore attribute(String id, List<StudyStore.Answer> answers,
                                                        List<String> classes, int raters) {
        List<StudyStore.Answer> answered = answers.stream().filter(a -> a.chosenClass() != null).toList();
        int correct = (int) answered.stream().filter(a -> a.chosenClass().equals(a.correctClass())).count();
        int n = answered.size();
        double p = n == 0 ? Double.NaN : BinomialTest.upperTail(correct, n, 1.0 / classes.size());
        int[][] table = kappaTable(answers, classes, raters);
        double kappa = table.length == 0 ? Double.NaN : FleissKappa.of(table);
        double conf = answers.stream().filter(a -> a.confidence() != null).mapToInt(StudyStore.Answer::confidence)
                .average().orElse(Double.NaN);
        return new StudyScores.AttributeScore(id, answers.get(0).correctClass(), n, correct,
                WilsonInterval.of95(correct, n), p, kappa, conf, topWords(answers));
    }

    /**
     * Builds the subjects x classes count table over items answered by all {@code raters} importing reviewers;
     * Fleiss' kappa needs the same number of ratings per subject, so partly answered items are left out.
     */
    static int[][] kappaTable(List<StudyStore.Answer> answers, List<String> classes, int raters) {
        Map<String, int[]> bySubject = new LinkedHashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (StudyStore.Answer a : answers) {
            if (a.chosenClass() == null) {
                continue;
            }
            bySubject.computeIfAbsent(a.subject(), k -> new int[classes.size()])[classes.indexOf(a.chosenClass())]++;
            counts.merge(a.subject(), 1, Integer::sum);
        }
        return bySubject.entrySet().stream().filter(e -> counts.get(e.getKey()) == raters)
                .map(Map.Entry::getValue).toArray(int[][]::new);
    }

    private static List<String> topWords(List<StudyStore.Answer> answers) {
        Map<String, Integer> freq = new HashMap<>();
        for (StudyStore.Answer a : answers) {
            if (a.words() == null) {
                continue;
            }
            // Count a word once per answer, so one verbose reviewer does not dominate.
            Set<String> words = java.util.Arrays.stream(a.words().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+"))
                    .filter(w -> w.length() >= 3 && !STOP.contains(w)).collect(Collectors.toSet());
            words.forEach(w -> freq.merge(w, 1, Integer::sum));
        }
        return freq.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_WORDS).map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
    }

    private static int naturalOrder(String a, String b) {
        String da = a.replaceAll("\\D", "");
        String db = b.replaceAll("\\D", "");
        if (!da.isEmpty() && !db.isEmpty() && a.replaceAll("\\d", "").equals(b.replaceAll("\\d", ""))
                && da.length() < 10 && db.length() < 10) {
            return Integer.compare(Integer.parseInt(da), Integer.parseInt(db));
        }
        return a.compareTo(b);
    }
}
