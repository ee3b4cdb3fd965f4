package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Shared fixtures: tiny image folders and a small fixed-weight classifier with its ONNX file. */
public final class TestFixtures {

    private TestFixtures() {
    }

    /**
     * Runs PyTorch's intra-op work on one thread: on the shared 2-core build machine two spinning OpenMP threads
     * made the tiny training steps ten times slower (results are the same either way).
     */
    public static void singleThread() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    }

    /** Returns a PyTorch base manager, its trainer constants and one step context, closed together. */
    static Scratch scratch() {
        return new Scratch();
    }

    /** The native memory a layer-level test needs: {@code root} for parameters, {@code step} for temporaries. */
    static final class Scratch implements AutoCloseable {
        final NDManager root = NDManager.newBaseManager("PyTorch");
        final Ctx.Constants consts = Ctx.constants(root);
        final NDManager step = root.newSubManager();
        final Ctx ctx = consts.on(step);

        @Override
        public void close() {
            step.close();
            consts.close();
            root.close();
        }
    }

    /**
     * Writes {@code count} PNGs of coloured discs on a dark background (even ones red-tinted) and a
     * ground-truth.csv whose split column holds out the last {@code heldOut} images.
     */
    public static Path images(Path dir, int count, int heldOut, int size, long seed) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("file,split\n");
        for (int i = 0; i < count; i++) {
            csv.append(String.format("img%03d.png,%s%n", i, i < count - heldOut ? "train" : "test"));
        }
        Files.writeString(dir.resolve("ground-truth.csv"), csv);
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(20 + r.nextInt(30), 10 + r.nextInt(20), 10));
            g.fillRect(0, 0, size, size);
            boolean red = i % 2 == 0;
            g.setColor(red ? new Color(200 + r.nextInt(55), 60, 40) : new Color(150, 140 + r.nextInt(60), 60));
            int d = size / 2 + r.nextInt(size / 3);
            g.fillOval(r.nextInt(size - d + 1), r.nextInt(size - d + 1), d, d);
            g.setColor(new Color(90, 20, 20));
            for (int k = 0; k < r.nextInt(4); k++) {
                g.fillRect(r.nextInt(size - 1), r.nextInt(size - 1), 2, 2);
            }
            g.dispose();
            ImageIO.write(img, "png", dir.resolve(String.format("img%03d.png", i)).toFile());
        }
        return dir;
    }

    /** Returns a two-class classifier (1x1 colour conv, global mean, linear) with fixed weights. */
    public static FrozenClassifier classifier(Path dir) throws IOException {
        Files.createDirectories(dir);
        float[] convW = {2f, -1f, -1f, -1f, 2f, 0f, 0.5f, 0.5f, 0.5f}; // [3 out, 3 in, 1, 1]
        float[] fcW = {3f, -2f, 0.5f, -3f, 2f, -0.5f}; // [2, 3]
        float[] fcB = {0.1f, -0.1f};
        OnnxBuilder ob = new OnnxBuilder("classifier");
        String x = ob.input("image", -1, 3, -1, -1);
        String h = ob.op("Relu", new String[] {ob.conv(x, ob.init("cw", convW, 3, 3, 1, 1), null, 1)});
        String pooled = ob.op("GlobalAveragePool", new String[] {h});
        String flat = ob.op("Flatten", new String[] {pooled});
        String fcT = ob.init("fwT", new float[] {3f, -3f, -2f, 2f, 0.5f, -0.5f}, 3, 2);
        ob.output("logits", ob.add(ob.matMul(flat, fcT), ob.init("fb", fcB, 2)), -1, 2);
        Path file = dir.resolve("classifier.onnx");
        Files.write(file, ob.model("test classifier"));
        return new FrozenClassifier() {
            private final NDManager manager = NDManager.newBaseManager("PyTorch");
            private final NDArray cw = manager.create(convW, new Shape(3, 3, 1, 1));
            private final NDArray fw = manager.create(fcW, new Shape(2, 3));
            private final NDArray fb = manager.create(fcB, new Shape(2));

            @Override
            public int classes() {
                return 2;
            }

            @Override
            public NDArray logits(NDArray images) {
                NDArray h = ai.djl.nn.convolutional.Conv2d.conv2d(images, cw).singletonOrThrow();
                h = ai.djl.nn.Activation.relu(h);
                NDArray pooled = h.mean(new int[] {2}).mean(new int[] {2});
                return ai.djl.nn.core.Linear.linear(pooled, fw, fb).singletonOrThrow();
            }

            @Override
            public Path onnxFile() {
                return file;
            }

            @Override
            public List<String> classNames() {
                return List.of("green", "red");
            }

            @Override
            public void close() {
                manager.close();
            }
        };
    }
}
