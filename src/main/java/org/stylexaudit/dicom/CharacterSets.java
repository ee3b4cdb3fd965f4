package org.stylexaudit.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Maps Specific Character Set (0008,0005) terms to Java charsets (PS3.3 C.12.1.1.2). */
final class CharacterSets {

    private static final Map<String, String> SINGLE_BYTE = Map.ofEntries(
            Map.entry("ISO_IR 100", "ISO-8859-1"), Map.entry("ISO 2022 IR 100", "ISO-8859-1"),
            Map.entry("ISO_IR 101", "ISO-8859-2"), Map.entry("ISO 2022 IR 101", "ISO-8859-2"),
            Map.entry("ISO_IR 109", "ISO-8859-3"), Map.entry("ISO 2022 IR 109", "ISO-8859-3"),
            Map.entry("ISO_IR 110", "ISO-8859-4"), Map.entry("ISO 2022 IR 110", "ISO-8859-4"),
            Map.entry("ISO_IR 144", "ISO-8859-5"), Map.entry("ISO 2022 IR 144", "ISO-8859-5"),
            Map.entry("ISO_IR 127", "ISO-8859-6"), Map.entry("ISO 2022 IR 127", "ISO-8859-6"),
            Map.entry("ISO_IR 126", "ISO-8859-7"), Map.entry("ISO 2022 IR 126", "ISO-8859-7"),
            Map.entry("ISO_IR 138", "ISO-8859-8"), Map.entry("ISO 2022 IR 138", "ISO-8859-8"),
            Map.entry("ISO_IR 148", "ISO-8859-9"), Map.entry("ISO 2022 IR 148", "ISO-8859-9"),
            Map.entry("ISO_IR 203", "ISO-8859-15"), Map.entry("ISO 2022 IR 203", "ISO-8859-15"),
            Map.entry("ISO_IR 166", "TIS-620"), Map.entry("ISO 2022 IR 166", "TIS-620"),
            Map.entry("ISO_IR 13", "JIS_X0201"), Map.entry("ISO 2022 IR 13", "JIS_X0201"),
            Map.entry("ISO_IR 192", "UTF-8"), Map.entry("GB18030", "GB18030"), Map.entry("GBK", "GBK"),
            Map.entry("ISO 2022 IR 87", "ISO-2022-JP"), Map.entry("ISO 2022 IR 159", "ISO-2022-JP"));

    private CharacterSets() {
    }

    /**
     * Returns the charset for a Specific Character Set value. The default repertoire is ASCII; ISO-8859-1 is
     * returned for it because it decodes ASCII identically and keeps stray high bytes readable (a PHI scan must
     * still see them). Code extensions beyond the first term are honoured only for Japanese (ISO-2022-JP).
     */
    static Charset forTerms(String[] terms) {
        if (terms == null || terms.length == 0) {
            return StandardCharsets.ISO_8859_1;
        }
        for (String t : terms) {
            String name = SINGLE_BYTE.get(t.trim());
            if ("ISO-2022-JP".equals(name) && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        String name = SINGLE_BYTE.get(terms[0].trim());
        if (name != null && Charset.isSupported(name)) {
            return Charset.forName(name);
        }
        return StandardCharsets.ISO_8859_1;
    }
}
