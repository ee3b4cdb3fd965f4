/**
 * Blinded user studies of discovered attributes: {@link org.stylexaudit.study.StudyExporter} writes one shuffled
 * fillable PDF + CSV packet per reviewer (answer key kept in the workspace), {@link org.stylexaudit.study.StudyImporter}
 * reads filled packets back and refuses foreign, altered or duplicate ones, {@link org.stylexaudit.study.StudyScorer}
 * computes accuracy (Wilson interval, binomial test) and Fleiss' kappa.
 */
package org.stylexaudit.study;
