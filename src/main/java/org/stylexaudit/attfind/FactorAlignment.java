package org.stylexaudit.attfind;

/**
 * How much one measured image factor changes when an attribute is applied.
 *
 * @param attributeId the attribute
 * @param factor the probe's factor name (for synthetic fundus images, a ground-truth column)
 * @param change mean change of the factor over the probed images, in standard deviations of the factor across
 *     those images' reconstructions (the raw change where the factor does not vary)
 * @param rawChange mean change in the factor's own unit
 */
public record FactorAlignment(String attributeId, String factor, double change, double rawChange) {
}
