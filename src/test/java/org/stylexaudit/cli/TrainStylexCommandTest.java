package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.train.stylex.FrozenClassifier;
import org.stylexaudit.train.stylex.TestFixtures;

class TrainStylexCommandTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void oneThread() {
        TestFixtures.singleThread();
    }

    @Test
    void trainStylex_twoSteps_writesBundleAndResumeOnlyReExports() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 10, 3, 16, 4);
        Path onnx;
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"))) {
            onnx = c.onnxFile();
        }
        String[] args = {"train", "stylex", "--images", imgs.toString(), "--classifier", onnx.toString(), "--out",
            tmp.resolve("bundle").toString(), "--resolution", "16", "--steps", "2", "--batch", "2",
            "--classifier-range", "unit"};
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(ExitCodes.OK, code, err.toString());
        assertTrue(Files.isRegularFile(tmp.resolve("bundle/bundle.json")));
        assertTrue(Files.isRegularFile(tmp.resolve("bundle-training/checkpoint.bin")));
        assertTrue(out.toString().contains("trained 2 steps"), out.toString());

        // Without --resume the existing checkpoint is protected; with it, the finished run only re-exports.
        int again = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(ExitCodes.FAILURE, again);
        String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        StringWriter out2 = new StringWriter();
        assertEquals(ExitCodes.OK, Main.run(resume, new PrintWriter(out2, true), new PrintWriter(err, true)));
        assertTrue(out2.toString().contains("trained 2 steps"), out2.toString());
    }

    @Test
    void benchTrain_reportsStepRateAndComputeShareOfPeak() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 10, 3, 16, 4);
        Path onnx;
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"))) {
            onnx = c.onnxFile();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "train", "--images", imgs.toString(), "--classifier",
            onnx.toString(), "--resolution", "16", "--batch", "2", "--steps", "2", "--warm", "0", "-q"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(ExitCodes.OK, code, err.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("forward ([0-9.]+) GFLOP/step; compute rate ([0-9.]+) GFLOP/s = ([0-9]+) % of measured peak "
                        + "([0-9.]+) GFLOP/s").matcher(out.toString());
        assertTrue(m.find(), out.toString());
        assertTrue(Double.parseDouble(m.group(1)) > 0, "the step's convolutions are counted");
        assertTrue(Double.parseDouble(m.group(4)) > 0, "the peak is measured");
        assertTrue(out.toString().contains("2 timed full steps"), out.toString());
    }

    @Test
    void benchTrain_missingImages_isUsageError() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "train", "--images", tmp.resolve("none").toString(),
            "--classifier", tmp.resolve("c.onnx").toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("--images: no such folder"), err.toString());
    }

    @Test
    void trainStylex_missingClassifier_isUsageError() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"train", "stylex", "--images", tmp.toString(), "--classifier",
            tmp.resolve("nope.onnx").toString(), "--out", tmp.resolve("b").toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("--classifier"), err.toString());
    }

    @Test
    void trainStylex_unknownHyperParameter_isUsageErrorListingTheNames() throws Exception {
        Path imgs = TestFixtures.images(tmp.resolve("imgs"), 6, 2, 16, 4);
        Path onnx;
        try (FrozenClassifier c = TestFixtures.classifier(tmp.resolve("cls"))) {
            onnx = c.onnxFile();
        }
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"train", "stylex", "--images", imgs.toString(), "--classifier",
            onnx.toString(), "--out", tmp.resolve("b").toString(), "--hyper", "lrEncodr=1e-3"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("unknown hyper-parameter lrEncodr") && err.toString().contains("lrEncoder"),
                err.toString());
        assertTrue(Files.notExists(tmp.resolve("b-training")), "nothing was started");
    }

    @Test
    void trainStylex_missingWarmStartCheckpoint_isUsageError() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"train", "stylex", "--images", tmp.toString(), "--classifier",
            tmp.resolve("nope.onnx").toString(), "--out", tmp.resolve("b").toString(), "--warm-start",
            tmp.resolve("old/checkpoint.bin").toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("--warm-start: no such file"), err.toString());
    }
}
