/**
 * Runs the nightly audit: the protocol file and its validation, the workspace run lock and the run summary.
 */
package org.stylexaudit.audit;
