package org.stylexaudit.train.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.Progress;
import org.stylexaudit.train.onnx.ImportedModel;
import org.stylexaudit.train.onnx.OnnxExportParity;
import org.stylexaudit.train.onnx.OnnxImporter;

class ClassifierTrainingTest {

    @TempDir
    Path dir;

    private static ClassifierConfig tiny() {
        return ClassifierConfig.defaults().withResolution(16).withChannels(List.of(4, 8)).withEpochs(3)
                .withBatchSize(4);
    }

    @Test
    void train_tinyRun_onnxOutputEqualsDjl() throws Exception {
        Path csv = TinyArchive.write(dir, 20, 24, 3);
        GroundTruthCsv.Table t = GroundTruthCsv.read(csv, "referable_dr");
        ImageSet train = ImageSet.load(t.split("train"), 16, "train", Progress.NONE);
        ImageSet val = ImageSet.load(t.split("validation"), 16, "val", Progress.NONE);
        List<ClassifierTrainer.Epoch> history = new ArrayList<>();
        try (TrainedClassifier c = new ClassifierTrainer(tiny(), Progress.NONE).train(train, val, history);
                NDManager m = NDManager.newBaseManager()) {
            assertEquals(3, history.size());
            assertTrue(history.stream().allMatch(e -> Double.isFinite(e.meanLoss())));
            float[][] djl = c.logits(val.pixels());
            float[] flat = new float[val.size() * 3 * 16 * 16];
            for (int i = 0; i < val.size(); i++) {
                System.arraycopy(val.pixels().get(i), 0, flat, i * 768, 768);
            }
            NDArray x = m.create(flat, new Shape(val.size(), 3, 16, 16));
            float[] ort = OnnxExportParity.runOrt(c.toOnnx().toBytes(), Map.of(TrainedClassifier.INPUT, x)).get(0);
            float[] djlFlat = new float[ort.length];
            for (int i = 0; i < djl.length; i++) {
                djlFlat[2 * i] = djl[i][0];
                djlFlat[2 * i + 1] = djl[i][1];
            }
            double diff = OnnxExportParity.maxAbsDiff(djlFlat, ort);
            assertTrue(diff <= OnnxExportParity.TOLERANCE, "ONNX differs from DJL by " + diff);
        }
    }

    @Test
    void train_tinyRun_onnxImportsBackIntoDjlWithSameLogits() throws Exception {
        // The StylEx trainer imports the classifier with OnnxImporter to back-propagate through it.
        Path csv = TinyArchive.write(dir, 20, 24, 8);
        ImageSet train = ImageSet.load(GroundTruthCsv.read(csv, "referable_dr").split("train"), 16, "t",
                Progress.NONE);
        Path model = dir.resolve("c.onnx");
        try (TrainedClassifier c = new ClassifierTrainer(tiny(), Progress.NONE).train(train, train,
                new ArrayList<>()); NDManager m = NDManager.newBaseManager()) {
            c.writeOnnx(model);
            float[][] djl = c.logits(train.pixels());
            try (ImportedModel imported = OnnxImporter.load(model, m)) {
                NDArray x = TrainedClassifier.batch(m, train.pixels(), 0, train.size(), 16);
                float[] back = imported.forward(x).toFloatArray();
                for (int i = 0; i < djl.length; i++) {
                    assertEquals(djl[i][0], back[2 * i], 1e-4);
                    assertEquals(djl[i][1], back[2 * i + 1], 1e-4);
                }
            }
        }
    }

    @Test
    void train_moreEpochs_lowersTrainingLoss() throws Exception {
        Path csv = TinyArchive.write(dir, 40, 24, 4);
        ImageSet train = ImageSet.load(GroundTruthCsv.read(csv, "referable_dr").split("train"), 16, "t",
                Progress.NONE);
        List<ClassifierTrainer.Epoch> history = new ArrayList<>();
        try (TrainedClassifier c = new ClassifierTrainer(tiny().withEpochs(6).withBatchSize(8), Progress.NONE)
                .train(train, train, history)) {
            assertTrue(history.get(5).meanLoss() < history.get(0).meanLoss(),
                    "loss " + history.get(0).meanLoss() + " -> " + history.get(5).meanLoss());
        }
    }

    @Test
    void run_writesOnnxAndCardThatRoundTrips() throws Exception {
        Path csv = TinyArchive.write(dir.resolve("a"), 20, 24, 5);
        Path free = TinyArchive.write(dir.resolve("b"), 10, 24, 6);
        Path out = dir.resolve("out/classifier.onnx");
        ClassifierCard card = ClassifierTraining.run(new ClassifierTraining.Request(csv, out, free, tiny()),
                Progress.NONE);
        assertTrue(Files.size(out) > 1000);
        Path json = dir.resolve("out/classifier.json");
        ClassifierCard back = ClassifierCard.read(json);
        assertEquals(card, back);
        assertEquals(Digests.sha256Hex(out), back.modelSha256());
        assertEquals(List.of("no_referable_dr", "referable_dr"), back.classNames());
        assertEquals(12, back.data().trainImages());
        assertEquals(10, back.data().shortcutFreeImages());
        assertNotNull(back.metrics().shortcutFreeAccuracy());
        assertEquals(back.metrics().testAccuracy() - back.metrics().shortcutFreeAccuracy(),
                back.metrics().shortcutReliance(), 1e-12);
        assertEquals(tiny(), back.hyperParameters());
        assertTrue(back.exportMaxAbsDiff() <= 1e-4, "export differs by " + back.exportMaxAbsDiff());
        assertEquals(back.data().shortcutFreeImages(),
                back.metrics().congruentImages() + back.metrics().incongruentImages());
    }
}
