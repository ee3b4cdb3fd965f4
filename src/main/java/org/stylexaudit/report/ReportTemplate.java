package org.stylexaudit.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.stylexaudit.common.Digests;

/**
 * Wording, section order and disclaimers of a document, read from a YAML template ({@code templates/report.yaml},
 * {@code templates/study.yaml}).
 *
 * <pre>{@code
 * ReportTemplate t = ReportTemplate.load("report.yaml", null);   // ./templates, else the bundled copy
 * String h = t.heading("attributes", Map.of("id", "A1"));
 * }</pre>
 */
public final class ReportTemplate {

    private static final String BUNDLED = "/org/stylexaudit/report/templates/";

    private final String source;
    private final String digest;
    private final Map<String, Object> root;

    private ReportTemplate(String source, String digest, Map<String, Object> root) {
        this.source = source;
        this.digest = digest;
        this.root = root;
    }

    /**
     * Loads template {@code name} from {@code dir} when given; else from {@code ./templates} when that file exists;
     * else the copy bundled in the jar.
     */
    public static ReportTemplate load(String name, Path dir) throws ReportException {
        if (dir != null) {
            Path p = dir.resolve(name);
            if (!Files.isRegularFile(p)) {
                throw new ReportException("template " + name + " not found in " + dir);
            }
            return parse(p.toString(), Digests.readAll(p));
        }
        Path local = Path.of("templates", name);
        if (Files.isRegularFile(local)) {
            return parse(local.toString(), Digests.readAll(local));
        }
        return bundled(name);
    }

    /** Loads the copy bundled in the jar. */
    public static ReportTemplate bundled(String name) throws ReportException {
        try (InputStream in = ReportTemplate.class.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new ReportException("bundled template " + name + " missing from the build");
            }
            return parse("bundled:" + name, in.readAllBytes());
        } catch (IOException e) {
            throw new ReportException("cannot read bundled template " + name + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ReportTemplate parse(String source, byte[] bytes) throws ReportException {
        Object o;
        try {
            o = new Load(LoadSettings.builder().build()).loadFromString(new String(bytes, StandardCharsets.UTF_8));
        } catch (YamlEngineException e) {
            throw new ReportException("template " + source + " is not valid YAML: " + e.getMessage().split("\n")[0], e);
        }
        if (!(o instanceof Map)) {
            throw new ReportException("template " + source + " must be a YAML mapping at the top level");
        }
        return new ReportTemplate(source, Digests.sha256Hex(bytes), (Map<String, Object>) o);
    }

    /** Returns where the template came from (a path or {@code bundled:NAME}). */
    public String source() {
        return source;
    }

    /** Returns the SHA-256 of the template file, for the appendix. */
    public String digest() {
        return digest;
    }

    /** Returns a top-level string value. */
    public String value(String key) {
        Object v = root.get(key);
        if (v == null) {
            throw new IllegalStateException("template " + source + " lacks '" + key + "'");
        }
        return v.toString().strip();
    }

    /** Returns the section names in document order. */
    public List<String> sections() {
        Object v = root.get("sections");
        if (!(v instanceof List<?> l)) {
            throw new IllegalStateException("template " + source + " lacks a 'sections' list");
        }
        return l.stream().map(Object::toString).toList();
    }

    /** Returns a heading with placeholders filled. */
    public String heading(String key, Map<String, String> values) {
        return fill(entry("headings", key), values);
    }

    /** Returns a heading without placeholders. */
    public String heading(String key) {
        return heading(key, Map.of());
    }

    /** Returns a text block with placeholders filled. */
    public String text(String key, Map<String, String> values) {
        return fill(entry("text", key), values);
    }

    /** Returns a text block without placeholders. */
    public String text(String key) {
        return text(key, Map.of());
    }

    private String entry(String group, String key) {
        Object g = root.get(group);
        if (g instanceof Map<?, ?> m && m.get(key) != null) {
            return m.get(key).toString().strip();
        }
        throw new IllegalStateException("template " + source + " lacks " + group + "." + key);
    }

    private static String fill(String s, Map<String, String> values) {
        String out = s;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", Objects.toString(e.getValue()));
        }
        return out;
    }
}
