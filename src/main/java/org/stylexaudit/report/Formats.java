package org.stylexaudit.report;

import java.util.Locale;

/** Number formats shared by report and study documents, fixed to one locale so documents do not vary by host. */
public final class Formats {

    private Formats() {
    }

    /** Formats a probability or share as {@code 0.43}. */
    public static String p(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Formats a signed change as {@code +0.21}. */
    public static String signed(double v) {
        return String.format(Locale.ROOT, "%+.2f", v);
    }

    /**
     * Formats a mean probability change as {@code +0.21}, or with three decimals when it is below 0.01 in size, so
     * a weak attribute reads {@code +0.004} rather than a misleading {@code +0.00}.
     */
    public static String change(double v) {
        return String.format(Locale.ROOT, Math.abs(v) < 0.01 && v != 0 ? "%+.3f" : "%+.2f", v);
    }

    /** Formats a share as a percentage, {@code 42 %}. */
    public static String percent(double v) {
        return String.format(Locale.ROOT, "%.0f %%", v * 100);
    }

    /** Formats a number with {@code digits} decimals. */
    public static String num(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** Shortens a keyed hash for display; the full key stays in the data. */
    public static String shortKey(String key) {
        return key.length() > 12 ? key.substring(0, 12) : key;
    }

    /** Turns an id into a safe AcroForm partial name (no dots, which separate name levels). */
    public static String fieldName(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
