/**
 * Fuzzes the input readers so hostile files fail only with the codec's own errors: Jazzer {@code @FuzzTest} targets
 * (regression mode over a committed corpus in every test run, coverage-guided with {@code JAZZER_FUZZ=1}) and a
 * seeded mutation fuzzer for long DICOM campaigns; see docs/reliability.md.
 */
package org.stylexaudit.fuzz;
