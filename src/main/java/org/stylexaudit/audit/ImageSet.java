package org.stylexaudit.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.stylexaudit.attfind.AttFindConfig;

/**
 * Names what one AttFind analyses: the digest of the sorted image keys, the classifier and every AttFind setting.
 * Two runs over the same images with the same settings have the same name, which is how a run after a kill knows
 * whether the interrupted AttFind still has to be done.
 *
 * @param digest SHA-256 hex of the sorted keys, the classifier digest and the configuration
 * @param images number of accepted images in the set
 */
record ImageSet(String digest, int images) {

    static ImageSet of(List<String> imageKeys, String classifierSha, AttFindConfig config) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            imageKeys.stream().sorted().forEach(k -> {
                md.update(k.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            });
            md.update(("classifier " + classifierSha + "\n" + config).getBytes(StandardCharsets.UTF_8));
            return new ImageSet(HexFormat.of().formatHex(md.digest()), imageKeys.size());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
