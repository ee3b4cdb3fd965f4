package org.stylexaudit.train.stylex;

import java.util.Map;

/**
 * Records mean losses over the steps since the previous point, for the training log and the loss curves.
 *
 * @param step the step reached (exclusive)
 * @param seconds training seconds so far, summed over resumed sessions
 * @param values mean of each loss term since the previous point, plus held-out {@code psnr} when measured
 */
public record LossPoint(long step, double seconds, Map<String, Double> values) {
}
