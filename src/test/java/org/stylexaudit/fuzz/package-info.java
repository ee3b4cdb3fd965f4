/** Runs bounded, seeded mutation fuzzing of the input readers so hostile files fail only with the codec's own errors. */
package org.stylexaudit.fuzz;
