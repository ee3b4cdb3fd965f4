package org.stylexaudit.engine;

import java.util.List;

/**
 * Signals that a bundle's files do not match its manifest: a hash differs, a listed file is missing, or an ONNX
 * file is present that the manifest does not list. The message names every such file.
 */
public final class BundleIntegrityException extends BundleException {

    private static final long serialVersionUID = 1L;

    private final List<String> files;

    /** Creates the exception for the named files, one problem text per file. */
    public BundleIntegrityException(String bundle, List<String> files, List<String> problems) {
        super("bundle " + bundle + " failed verification: " + String.join("; ", problems));
        this.files = List.copyOf(files);
    }

    /** Returns the names of the files that failed, in manifest order. */
    public List<String> files() {
        return files;
    }
}
