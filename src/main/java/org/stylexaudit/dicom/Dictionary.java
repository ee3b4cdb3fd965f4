package org.stylexaudit.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Looks up the VR and keyword of a tag in a working subset of the PS3.6 data dictionary (a resource file). */
final class Dictionary {

    private record Entry(VR vr, String keyword) {
    }

    private static final Map<Integer, Entry> ENTRIES = load();

    private Dictionary() {
    }

    /** Returns the dictionary VR for implicit VR decoding; UN when the tag is unknown. */
    static VR vr(int tag) {
        Entry e = lookup(tag);
        if (e != null) {
            return e.vr();
        }
        int element = Tag.element(tag);
        if (element == 0) {
            return VR.UL; // group length, PS3.5 7.2
        }
        if (Tag.isPrivate(tag) && element >= 0x10 && element <= 0xFF) {
            return VR.LO; // private creator, PS3.5 7.8.1
        }
        return VR.UN;
    }

    static String keyword(int tag) {
        Entry e = lookup(tag);
        if (e != null) {
            return e.keyword();
        }
        if (Tag.element(tag) == 0) {
            return "GroupLength";
        }
        if (Tag.isPrivate(tag) && Tag.element(tag) >= 0x10 && Tag.element(tag) <= 0xFF) {
            return "PrivateCreator";
        }
        return "";
    }

    private static Entry lookup(int tag) {
        Entry e = ENTRIES.get(tag);
        // Repeating groups 50xx (curves) and 60xx (overlays) are listed once under their first group.
        if (e == null && ((tag >>> 24) == 0x50 || (tag >>> 24) == 0x60) && (Tag.group(tag) & 1) == 0) {
            e = ENTRIES.get(tag & 0xFF00FFFF);
        }
        return e;
    }

    private static Map<Integer, Entry> load() {
        Map<Integer, Entry> map = new HashMap<>();
        try (InputStream in = Dictionary.class.getResourceAsStream("dictionary.txt")) {
            if (in == null) {
                throw new IllegalStateException("dictionary.txt missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                map.put((int) Long.parseLong(f[0], 16), new Entry(VR.valueOf(f[1]), f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
