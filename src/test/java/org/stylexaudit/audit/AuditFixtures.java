package org.stylexaudit.audit;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.stylexaudit.attfind.AttFindFixtures;
import org.stylexaudit.store.Workspace;

/**
 * A small audit setup: the closed-form AttFind bundle (classes other/red, logits 1.2 (R - B)), an archive of
 * fundus-like discs whose colour varies between reddish and bluish, and a protocol pointing at both.
 */
public final class AuditFixtures {

    private AuditFixtures() {
    }

    /** Writes {@code n} disc PNGs of seeded colours into {@code dir} (nested in two folders, like an archive). */
    public static Path archive(Path dir, int n, long seed) throws Exception {
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            Path f = Files.createDirectories(dir.resolve("p" + (i % 3))).resolve(String.format("img%03d.png", i));
            disc(f, 96 + r.nextInt(32), 60 + r.nextInt(180), 40 + r.nextInt(60), 30 + r.nextInt(180));
        }
        return dir;
    }

    /** Draws a disc of colour (red, green, blue) with slight texture on black. */
    public static void disc(Path file, int size, int red, int green, int blue) throws Exception {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (Math.hypot(x + 0.5 - size / 2.0, y + 0.5 - size / 2.0) < size * 0.45) {
                    int t = (x * 7 + y * 3) % 9;
                    img.setRGB(x, y, (Math.min(255, red + t) << 16) | (green << 8) | Math.min(255, blue + t));
                }
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /** Writes the closed-form bundle. */
    public static Path bundle(Path dir) throws Exception {
        return AttFindFixtures.bundle(dir);
    }

    /** Writes {@code dir/protocols/p.yaml} for archive, ws, bundle and out beside it, plus {@code extra} YAML. */
    public static Path protocol(Path dir, String attfind, String extra) throws Exception {
        Path f = Files.createDirectories(dir.resolve("protocols")).resolve("p.yaml");
        Files.writeString(f, """
                archive:
                  folder: ../archive
                workspace: ../ws
                bundle: ../bundle
                classes: [other, red]
                output: ../out
                """ + attfind + extra);
        return f;
    }

    /** A stored audit outcome, compared between interrupted and uninterrupted runs. */
    public record Stored(List<String> instances, List<String> predictions, List<String> findings, int auditRows,
            boolean reportRecorded) {
    }

    /** Reads what an audit left in a workspace: catalog, predictions, and the findings of the current image set. */
    public static Stored read(Path ws) throws Exception {
        try (Workspace w = Workspace.open(ws)) {
            // Paths and image keys are keyed hashes under each workspace's own secret; content digests are not.
            List<String> inst = rows(w, "SELECT content_digest || ' ' || status FROM instance"
                    + " ORDER BY content_digest");
            List<String> pred = rows(w, "SELECT i.content_digest || ' ' || p.predicted || ' ' || p.probabilities"
                    + " FROM prediction p JOIN instance i ON i.id = p.instance_id ORDER BY i.content_digest");
            List<String> find = rows(w, "SELECT a.target_class || ' ' || a.rank_ || ' ' || a.direction || ' '"
                    + " || a.coordinate || ' ' || ROUND(a.mean_effect, 9) || ' ' || ROUND(a.share_affected, 9)"
                    + " FROM attfind_attribute a JOIN audit_stage s ON s.discover_run_id = a.run_id"
                    + " ORDER BY a.target_class, a.rank_");
            List<String> stages = rows(w, "SELECT report_file FROM audit_stage");
            int audits = rows(w, "SELECT id FROM run WHERE command = 'audit'").size();
            return new Stored(inst, pred, find, audits, stages.size() == 1 && !"null".equals(stages.get(0)));
        }
    }

    private static List<String> rows(Workspace w, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = w.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(String.valueOf(rs.getString(1)));
            }
        }
        return out;
    }
}
