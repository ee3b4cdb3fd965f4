/**
 * Factor probes: deterministic image measurements that estimate the main fundus factors (red-lesion, exudate and
 * cotton-wool counts, cup-to-disc ratio, vessel calibre, colour cast, blur) from any fundus photograph, synthetic
 * or generated, at any size down to 64 px. Entry types: {@link org.stylexaudit.synth.probe.FactorProbes} and
 * {@link org.stylexaudit.synth.probe.ProbeReading}.
 */
package org.stylexaudit.synth.probe;
