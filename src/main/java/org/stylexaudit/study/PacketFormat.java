package org.stylexaudit.study;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import org.stylexaudit.store.Workspace;

/** Names shared by packet export and import: form field names, CSV columns, codes and the item-list digest. */
final class PacketFormat {

    static final String PACKET_ID = "packet_id";
    static final String DIGEST = "packet_digest";
    static final List<String> CSV_HEADER = List.of("packet_id", "packet_digest", "item", "item_code", "image",
            "answer_class", "description", "confidence");
    /** Unambiguous characters for codes people may have to read out (no 0/O, 1/I). */
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private PacketFormat() {
    }

    static String item(int position) {
        return String.format(Locale.ROOT, "item%02d", position);
    }

    static String codeField(int position) {
        return item(position) + "_code";
    }

    static String classField(int position) {
        return item(position) + "_class";
    }

    static String wordsField(int position) {
        return item(position) + "_words";
    }

    static String confidenceField(int position) {
        return item(position) + "_confidence";
    }

    /** Returns the radio export value of class number {@code index} (0-based). */
    static String classExport(int index) {
        return "c" + (index + 1);
    }

    static String randomCode(SecureRandom rnd, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[rnd.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /**
     * Returns the digest of a packet's item list: an HMAC under the workspace secret, so nobody outside the
     * workspace can make a changed item list look intact.
     */
    static String digest(Workspace ws, String packetId, List<String> codes) {
        return ws.key("study-packet|" + packetId + "|" + String.join(",", codes));
    }
}
