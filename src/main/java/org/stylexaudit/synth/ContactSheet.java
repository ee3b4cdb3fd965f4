package org.stylexaudit.synth;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Lays out images in a grid with a few caption lines under each, for eyeballing the generator's output. */
public final class ContactSheet {

    /** One tile: an image and the caption lines written under it. */
    public record Tile(BufferedImage image, List<String> caption) {
    }

    private ContactSheet() {
    }

    /** Draws the tiles in rows of {@code columns}, each image scaled to {@code tileSize} pixels. */
    public static BufferedImage draw(List<Tile> tiles, int columns, int tileSize) {
        int lines = tiles.stream().mapToInt(t -> t.caption().size()).max().orElse(0);
        int lineHeight = 13;
        int pad = 6;
        int cellW = tileSize + 2 * pad;
        int cellH = tileSize + lines * lineHeight + 2 * pad;
        int rows = (tiles.size() + columns - 1) / columns;
        BufferedImage sheet = new BufferedImage(columns * cellW, Math.max(1, rows) * cellH,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(new Color(245, 245, 245));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int k = 0; k < tiles.size(); k++) {
                int x = (k % columns) * cellW + pad;
                int y = (k / columns) * cellH + pad;
                g.drawImage(tiles.get(k).image(), x, y, tileSize, tileSize, null);
                g.setColor(new Color(30, 30, 30));
                List<String> caption = tiles.get(k).caption();
                for (int i = 0; i < caption.size(); i++) {
                    g.drawString(caption.get(i), x, y + tileSize + (i + 1) * lineHeight - 2);
                }
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Returns the caption lines for an image: label, camera, lesion counts, anatomy and acquisition factors. */
    public static List<String> caption(FundusFactors f, boolean referable) {
        return List.of(
                String.format("%s %s  %s", f.laterality().clinicalCode(), referable ? "REFERABLE" : "non-ref",
                        f.camera().modelName()),
                String.format("red %d (ma %d, h %d) ex %d", f.redLesions(), f.count(LesionType.MICROANEURYSM),
                        f.count(LesionType.HAEMORRHAGE), f.count(LesionType.HARD_EXUDATE)),
                String.format("cws %d dru %d cdr %.2f", f.count(LesionType.COTTON_WOOL_SPOT),
                        f.count(LesionType.DRUSE), f.cupToDisc()),
                String.format("cast %+.2f blur %.3f pig %.2f", f.castWarmth(), f.blur(), f.pigmentation()));
    }
}
