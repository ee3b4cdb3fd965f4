package org.stylexaudit.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Tells the tool's version and the environment it runs in, for provenance records. */
public final class ToolInfo {

    private ToolInfo() {
    }

    /** Returns the tool version from the build, or "dev" when run from unpackaged classes. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = ToolInfo.class.getResourceAsStream("/org/stylexaudit/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "dev";
        }
        String v = p.getProperty("version", "dev");
        return v.startsWith("${") ? "dev" : v;
    }

    /** Returns tool, Java and OS versions as an ordered map, for provenance. */
    public static Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tool", "stylex-audit " + version());
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return m;
    }
}
