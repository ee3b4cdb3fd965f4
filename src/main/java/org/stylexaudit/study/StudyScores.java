package org.stylexaudit.study;

import java.util.List;

/**
 * Scores of one study.
 *
 * @param studyId          the study
 * @param classes          class names (the answer options)
 * @param packets          packets exported
 * @param packetsImported  packets imported
 * @param attributes       per-attribute scores, in attribute order
 * @param kappa            Fleiss' kappa over all items answered by every importing reviewer (NaN if undefined)
 * @param kappaItems       number of items that kappa is computed over
 */
public record StudyScores(long studyId, List<String> classes, int packets, int packetsImported,
                          List<AttributeScore> attributes, double kappa, int kappaItems) {

    /** Copies lists. */
    public StudyScores {
        classes = List.copyOf(classes);
        attributes = List.copyOf(attributes);
    }

    /** Returns the chance level of the class question (1 / number of classes). */
    public double chance() {
        return 1.0 / classes.size();
    }

    /**
     * Scores of one attribute.
     *
     * @param attributeId  attribute id from the findings
     * @param targetClass  the class the attribute pushes toward (the correct answer)
     * @param answered     answers naming a class
     * @param correct      answers naming the target class
     * @param interval     Wilson 95 % interval of the accuracy
     * @param pValue       one-sided exact binomial test against chance
     * @param kappa        Fleiss' kappa over this attribute's items (NaN if undefined)
     * @param meanConfidence mean stated confidence (NaN when none)
     * @param topWords     words reviewers used most, as "word (count)"
     */
    public record AttributeScore(String attributeId, String targetClass, int answered, int correct,
                                 WilsonInterval interval, double pValue, double kappa, double meanConfidence,
                                 List<String> topWords) {

        /** Copies the list. */
        public AttributeScore {
            topWords = List.copyOf(topWords);
        }

        /** Returns the share of correct answers (NaN without answers). */
        public double accuracy() {
            return answered == 0 ? Double.NaN : (double) correct / answered;
        }
    }
}
