package org.stylexaudit.audit;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads and validates a protocol file. Every error names the file, the field path and the reason in one line,
 * unknown keys are errors, and the parser runs with limits so hostile YAML cannot exhaust memory or stack.
 */
public final class ProtocolLoader {

    /** Largest protocol file accepted, in bytes; real protocols are a few hundred bytes. */
    public static final int MAX_BYTES = 64 * 1024;
    /** Most aliases accepted; a protocol needs none, and a billion-laughs document needs many. */
    public static final int MAX_ALIASES = 10;
    /** Deepest nesting of mappings and sequences accepted. */
    public static final int MAX_DEPTH = 10;

    private static final Set<String> TOP = Set.of("archive", "workspace", "bundle", "classes", "attfind", "report",
            "study", "phi", "output");

    private final Path file;

    private ProtocolLoader(Path file) {
        this.file = file;
    }

    /** Loads and validates the protocol at {@code file}. */
    public static Protocol load(Path file) throws ProtocolException {
        Path abs = file.toAbsolutePath().normalize();
        ProtocolLoader loader = new ProtocolLoader(file);
        String text;
        try {
            if (!Files.isRegularFile(abs)) {
                throw loader.error("", "no such file");
            }
            if (Files.size(abs) > MAX_BYTES) {
                throw loader.error("", "file larger than " + MAX_BYTES + " bytes");
            }
            text = Files.readString(abs, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw loader.error("", "cannot read: " + e.getMessage());
        }
        return loader.parse(text, abs.getParent());
    }

    /** Validates protocol text as if it were read from {@code file}; relative paths resolve against its folder. */
    public static Protocol parse(Path file, String text) throws ProtocolException {
        Path abs = file.toAbsolutePath().normalize();
        return new ProtocolLoader(file).parse(text, abs.getParent());
    }

    private Protocol parse(String text, Path base) throws ProtocolException {
        Object doc = readYaml(text);
        Map<String, Object> root = map(doc, "");
        checkKeys(root, "", TOP);
        Protocol.Archive archive = archive(map(require(root, "", "archive"), "archive"), base);
        Path workspace = path(require(root, "", "workspace"), "workspace", base);
        Path bundle = path(require(root, "", "bundle"), "bundle", base);
        List<String> classes = strings(require(root, "", "classes"), "classes");
        if (classes.size() < 2) {
            throw error("classes", "must list at least 2 class names, got " + classes.size());
        }
        if (Set.copyOf(classes).size() != classes.size()) {
            throw error("classes", "class names must be distinct, got " + classes);
        }
        Protocol.AttFindOptions attfind = attfind(optionalMap(root, "", "attfind"));
        Map<String, Object> rep = optionalMap(root, "", "report");
        checkKeys(rep, "report", Set.of("enabled", "title", "store_to_archive"));
        Protocol.ReportOptions report = new Protocol.ReportOptions(bool(rep.getOrDefault("enabled", true),
                "report.enabled"), string(rep.getOrDefault("title", "StylEx audit"), "report.title"),
                bool(rep.getOrDefault("store_to_archive", false), "report.store_to_archive"));
        if (report.storeToArchive() && archive.isFolder()) {
            throw error("report.store_to_archive", "applies only to archive.dicomweb (a folder archive is never "
                    + "written to)");
        }
        if (report.storeToArchive() && !report.enabled()) {
            throw error("report.store_to_archive", "needs report.enabled: true");
        }
        Map<String, Object> st = optionalMap(root, "", "study");
        checkKeys(st, "study", Set.of("reviewers", "items_per_attribute"));
        Protocol.StudyOptions study = new Protocol.StudyOptions(
                st.containsKey("reviewers") ? strings(st.get("reviewers"), "study.reviewers") : List.of(),
                integer(st.getOrDefault("items_per_attribute", 4), "study.items_per_attribute", 1));
        Map<String, Object> phi = optionalMap(root, "", "phi");
        checkKeys(phi, "phi", Set.of("allow_patient_data"));
        boolean allow = bool(phi.getOrDefault("allow_patient_data", false), "phi.allow_patient_data");
        Path output = path(require(root, "", "output"), "output", base);
        return new Protocol(file, archive, workspace, bundle, classes, attfind, report, study, allow, output);
    }

    private Object readYaml(String text) throws ProtocolException {
        LoadSettings settings = LoadSettings.builder().setLabel(file.toString()).setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false).setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_BYTES).build();
        try {
            // Count nesting on the event stream first: the composer recurses per level, the parser does not.
            int depth = 0;
            for (Event e : new Parse(settings).parseString(text)) {
                switch (e.getEventId()) {
                    case MappingStart, SequenceStart -> {
                        if (++depth > MAX_DEPTH) {
                            throw error("", "nested deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case MappingEnd, SequenceEnd -> depth--;
                    default -> { }
                }
            }
            return new Load(settings).loadFromString(text);
        } catch (YamlEngineException e) {
            throw error("", "not valid YAML within limits: " + oneLine(e.getMessage()));
        }
    }

    private Protocol.Archive archive(Map<String, Object> a, Path base) throws ProtocolException {
        checkKeys(a, "archive", Set.of("folder", "dicomweb", "credentials_file", "env_prefix"));
        boolean hasFolder = a.containsKey("folder");
        boolean hasWeb = a.containsKey("dicomweb");
        if (hasFolder == hasWeb) {
            throw error("archive", "must give exactly one of folder or dicomweb");
        }
        if (hasFolder) {
            if (a.containsKey("credentials_file") || a.containsKey("env_prefix")) {
                throw error("archive", "credentials_file and env_prefix apply only to dicomweb");
            }
            return new Protocol.Archive(path(a.get("folder"), "archive.folder", base), null, null, null);
        }
        String url = string(a.get("dicomweb"), "archive.dicomweb");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw error("archive.dicomweb", "must be an http(s) URL, got \"" + url + "\"");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw error("archive.dicomweb", "must be an http(s) URL, got \"" + url + "\"");
        }
        if (uri.getUserInfo() != null) {
            throw error("archive.dicomweb", "must not carry credentials; use credentials_file or env_prefix");
        }
        Path cred = a.containsKey("credentials_file") ? path(a.get("credentials_file"), "archive.credentials_file",
                base) : null;
        String env = a.containsKey("env_prefix") ? string(a.get("env_prefix"), "archive.env_prefix") : null;
        if (env != null && !env.matches("[A-Z][A-Z0-9_]*")) {
            throw error("archive.env_prefix", "must be upper-case letters, digits and _, got \"" + env + "\"");
        }
        return new Protocol.Archive(null, uri, cred, env);
    }

    private Protocol.AttFindOptions attfind(Map<String, Object> a) throws ProtocolException {
        checkKeys(a, "attfind", Set.of("images_per_run", "k", "shift", "method", "when"));
        int n = integer(a.getOrDefault("images_per_run", 100), "attfind.images_per_run", 1);
        int k = integer(a.getOrDefault("k", 10), "attfind.k", 1);
        Object s = a.getOrDefault("shift", 1.0);
        if (!(s instanceof Number num) || !(num.doubleValue() > 0) || Double.isInfinite(num.doubleValue())) {
            throw error("attfind.shift", "must be a number > 0, got " + show(s));
        }
        Protocol.Method method = choice(a.getOrDefault("method", "exhaustive"), "attfind.method",
                Protocol.Method.class);
        Protocol.When when = choice(a.getOrDefault("when", "new-images"), "attfind.when", Protocol.When.class);
        return new Protocol.AttFindOptions(n, k, num.doubleValue(), method, when);
    }

    private <E extends Enum<E>> E choice(Object v, String path, Class<E> type) throws ProtocolException {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
            names.add(name);
            if (name.equals(v)) {
                return e;
            }
        }
        throw error(path, "must be one of " + String.join(", ", names) + ", got " + show(v));
    }

    private Object require(Map<String, Object> m, String parent, String key) throws ProtocolException {
        Object v = m.get(key);
        if (v == null) {
            throw error(join(parent, key), "is required");
        }
        return v;
    }

    private Map<String, Object> optionalMap(Map<String, Object> m, String parent, String key)
            throws ProtocolException {
        Object v = m.get(key);
        return v == null ? Map.of() : map(v, join(parent, key));
    }

    private Map<String, Object> map(Object v, String path) throws ProtocolException {
        if (!(v instanceof Map<?, ?> m)) {
            throw error(path, "must be a mapping, got " + show(v));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw error(path, "keys must be names, got " + show(e.getKey()));
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    private void checkKeys(Map<String, Object> m, String path, Set<String> allowed) throws ProtocolException {
        for (String key : m.keySet()) {
            if (!allowed.contains(key)) {
                throw error(join(path, key), "unknown key (allowed: " + String.join(", ", allowed.stream().sorted()
                        .toList()) + ")");
            }
        }
    }

    private Path path(Object v, String path, Path base) throws ProtocolException {
        String s = string(v, path);
        try {
            return base.resolve(s).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw error(path, "not a valid path, got " + show(v));
        }
    }

    private String string(Object v, String path) throws ProtocolException {
        if (!(v instanceof String s) || s.isBlank()) {
            throw error(path, "must be a non-empty string, got " + show(v));
        }
        return s;
    }

    private List<String> strings(Object v, String path) throws ProtocolException {
        if (!(v instanceof List<?> list)) {
            throw error(path, "must be a list of strings, got " + show(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(string(list.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private int integer(Object v, String path, int min) throws ProtocolException {
        if (!(v instanceof Integer i) || i < min) {
            throw error(path, "must be an integer >= " + min + ", got " + show(v));
        }
        return i;
    }

    private boolean bool(Object v, String path) throws ProtocolException {
        if (!(v instanceof Boolean b)) {
            throw error(path, "must be true or false, got " + show(v));
        }
        return b;
    }

    private ProtocolException error(String path, String reason) {
        return new ProtocolException(file + ": " + (path.isEmpty() ? "" : path + ": ") + reason);
    }

    private static String join(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    private static String show(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return String.valueOf(v);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
