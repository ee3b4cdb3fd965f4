/**
 * The synthetic fundus archive: draws fundus-like photographs from explicit, recorded factors (anatomy, lesions,
 * acquisition) with a {@code referable_dr} label and an optional planted camera shortcut, and writes them as a
 * patient/study/series archive or a flat PNG training set with {@code ground-truth.csv}.
 * Entry types: {@link org.stylexaudit.synth.SynthGenerator}, {@link org.stylexaudit.synth.FundusRenderer},
 * {@link org.stylexaudit.synth.GroundTruth}.
 */
package org.stylexaudit.synth;
