package org.stylexaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainClassifierCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void trainClassifier_missingLabelsFile_isUsageError() {
        int code = run("train", "classifier", "--labels", dir.resolve("none.csv").toString(), "--out",
                dir.resolve("c.onnx").toString());
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("none.csv"), err.toString());
    }

    @Test
    void trainClassifier_badCsvLine_isUsageErrorNamingFileAndLine() throws Exception {
        Path csv = dir.resolve("gt.csv");
        Files.writeString(csv, "file,referable_dr,split\na.png,2,train\n");
        int code = run("train", "classifier", "--labels", csv.toString(), "--out", dir.resolve("c.onnx").toString());
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("gt.csv:2: referable_dr must be 0 or 1"), err.toString());
    }

    @Test
    void trainClassifier_fewImages_writesModelCardAndWorkspaceRun() throws Exception {
        StringBuilder csv = new StringBuilder("file,referable_dr,split\n");
        for (int i = 0; i < 8; i++) {
            BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i % 16, 3, i % 2 == 0 ? 0x00FF00 : 0xFF0000);
            ImageIO.write(img, "png", dir.resolve(i + ".png").toFile());
            csv.append(i).append(".png,").append(i % 2).append(',').append(i < 6 ? "train" : "validation")
                    .append('\n');
        }
        Files.writeString(dir.resolve("gt.csv"), csv);
        Path model = dir.resolve("model/classifier.onnx");
        int code = run("train", "classifier", "--labels", dir.resolve("gt.csv").toString(), "--out",
                model.toString(), "--resolution", "16", "--epochs", "1", "--workspace", dir.resolve("ws").toString());
        assertEquals(ExitCodes.OK, code, err.toString());
        assertTrue(Files.size(model) > 0);
        assertTrue(Files.exists(dir.resolve("model/classifier.json")));
        assertTrue(out.toString().contains("validation accuracy"), out.toString());
        try (var ws = org.stylexaudit.store.Workspace.open(dir.resolve("ws"))) {
            assertEquals("ok", ws.runs().latest("train classifier").orElseThrow().status());
        }
    }
}
