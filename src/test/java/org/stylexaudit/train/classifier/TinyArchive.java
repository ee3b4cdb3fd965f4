package org.stylexaudit.train.classifier;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Test fixture: writes a handful of labelled PNGs and a ground-truth CSV in the synth layout (label 1 images carry
 * dark-red blobs; every image gets a random tint), so that a classifier can learn something in a few steps.
 */
final class TinyArchive {

    private TinyArchive() {
    }

    /** Writes {@code n} images of {@code size} px under {@code dir}/images and returns the CSV path. */
    static Path write(Path dir, int n, int size, long seed) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(dir.resolve("images"));
        StringBuilder csv = new StringBuilder("image_id,file,referable_dr,camera,split\n");
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(150 + rnd.nextInt(60), 70 + rnd.nextInt(30), 30 + rnd.nextInt(20)));
            g.fillOval(0, 0, size, size);
            if (label == 1) {
                g.setColor(new Color(60, 0, 0));
                for (int k = 0; k < 3; k++) {
                    g.fillOval(rnd.nextInt(size - 6), rnd.nextInt(size - 6), 5, 5);
                }
            }
            g.dispose();
            String rel = "images/img" + i + ".png";
            ImageIO.write(img, "png", dir.resolve(rel).toFile());
            String split = i < n * 6 / 10 ? "train" : i < n * 8 / 10 ? "validation" : "test";
            csv.append("id").append(i).append(',').append(rel).append(',').append(label).append(",cam")
                    .append(rnd.nextInt(3)).append(',').append(split).append('\n');
        }
        Path file = dir.resolve("ground-truth.csv");
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
        return file;
    }
}
