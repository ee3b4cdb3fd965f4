/**
 * Small cross-stage helpers that every stage may use: progress reporting ({@link org.stylexaudit.common.Progress}),
 * digests ({@link org.stylexaudit.common.Digests}) and the tool's version and provenance ({@link org.stylexaudit.common.ToolInfo}).
 */
package org.stylexaudit.common;
