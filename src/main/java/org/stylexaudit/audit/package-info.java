/**
 * Runs the nightly audit: protocol and validation, workspace lock, and {@link org.stylexaudit.audit.AuditRun}, which
 * orchestrates ingest, classification, AttFind, report, study packet and STOW-RS so that a killed run is completed
 * by the next one. Entry types: {@link org.stylexaudit.audit.ProtocolLoader}, {@link org.stylexaudit.audit.AuditRun}.
 */
package org.stylexaudit.audit;
