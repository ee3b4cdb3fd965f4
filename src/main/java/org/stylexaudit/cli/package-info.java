/**
 * The command line: picocli commands that parse options, call one stage, and map its errors to exit codes.
 * Entry type: {@link org.stylexaudit.cli.Main}; the only package that prints or exits.
 */
package org.stylexaudit.cli;
