/**
 * AttFind, the StylEx attribute search: shifts style coordinates of encoded images, records the classifier's
 * response, selects per-class attributes, explains single images and measures fidelity. Entry types:
 * {@link org.stylexaudit.attfind.Discovery} (the {@code discover} stage), {@link org.stylexaudit.attfind.Explainer},
 * {@link org.stylexaudit.attfind.AttFindStore} (results in the workspace) and
 * {@link org.stylexaudit.attfind.FindingsWriter} (the report's findings folder).
 */
package org.stylexaudit.attfind;
