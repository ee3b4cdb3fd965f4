package org.stylexaudit.train.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stylexaudit.train.nn.AvgPool2x2;
import org.stylexaudit.train.nn.BatchNorm2d;
import org.stylexaudit.train.nn.Chain;
import org.stylexaudit.train.nn.Conv;
import org.stylexaudit.train.nn.Dense;
import org.stylexaudit.train.nn.GlobalAvgPool;
import org.stylexaudit.train.nn.Relu;

/** The project's own exported classifier (train.nn layers written by OnnxExport) imports back exactly. */
class OnnxImportExportInteropTest {

    @TempDir
    Path dir;

    @Test
    void load_classifierExportedByOnnxExport_matchesTheDjlNetwork() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            // The same layer sequence as the sample classifier (train.classifier.ClassifierNetwork).
            Chain net = new Chain();
            int in = 3;
            for (int out : new int[] {8, 12}) {
                net.with(Conv.builder(in, out, 3).samePadding().bias(false).gain(Math.sqrt(2)).build())
                        .with(new BatchNorm2d(out)).with(new Relu()).with(new AvgPool2x2());
                in = out;
            }
            net.with(new GlobalAvgPool()).with(Dense.builder(in, 2).build());
            net.initialize(m, DataType.FLOAT32, new Shape(2, 3, 16, 16));
            OnnxExportParity.randomizeParameters(net, 21);
            NDArray x = OnnxExportParity.randomInput(m, new Random(22), 3, 3, 16, 16);
            float[] expected = net.forward(new ParameterStore(m, false), new NDList(x), false).head().toFloatArray();

            Path file = dir.resolve("classifier.onnx");
            Files.write(file, OnnxExport.graph("classifier", net, List.of(OnnxExport.port("image", "N", 3, 16, 16)),
                    List.of(OnnxExport.port("logits", "N", 2))).toBytes());
            try (ImportedModel imported = OnnxImporter.load(file, m)) {
                float[] actual = imported.forward(x).toFloatArray();
                double diff = OnnxExportParity.maxAbsDiff(expected, actual);
                assertTrue(diff <= 1e-4, "imported differs from DJL by " + diff);
            }
        }
    }
}
