/**
 * The audit workspace: an H2 file database with versioned migrations, and a cache folder.
 * Entry type: {@link org.stylexaudit.store.Workspace}; each stage keeps its SQL in a small DAO here
 * ({@link org.stylexaudit.store.InstanceStore}, {@link org.stylexaudit.store.RunStore}).
 */
package org.stylexaudit.store;
