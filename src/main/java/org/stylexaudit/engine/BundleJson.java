package org.stylexaudit.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Holds the one Jackson configuration used for {@code bundle.json}. */
final class BundleJson {

    /** The manifest's file name inside a bundle folder. */
    static final String FILE = "bundle.json";

    private BundleJson() {
    }

    /** Returns a mapper that writes indented JSON and tolerates fields added by later minor versions. */
    static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
