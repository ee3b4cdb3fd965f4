package org.stylexaudit.train.classifier;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * Checks a written classifier: runs the ONNX bytes in ONNX Runtime on some images and compares the logits with
 * DJL's, so a card never describes a model file that computes something else.
 */
final class ExportCheck {

    /** Largest accepted difference between ONNX Runtime and DJL logits. */
    static final double TOLERANCE = 1e-4;

    private ExportCheck() {
    }

    /** Returns the largest absolute logit difference over {@code images} (at most the first 64 are used). */
    static double maxAbsDiff(TrainedClassifier classifier, byte[] onnx, List<float[]> images)
            throws ClassifierException {
        List<float[]> sample = images.subList(0, Math.min(64, images.size()));
        if (sample.isEmpty()) {
            return 0;
        }
        float[][] djl = classifier.logits(sample);
        int r = classifier.config().resolution();
        FloatBuffer batch = FloatBuffer.allocate(sample.size() * 3 * r * r);
        sample.forEach(batch::put);
        batch.flip();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(onnx, opts);
                OnnxTensor input = OnnxTensor.createTensor(env, batch, new long[] {sample.size(), 3, r, r});
                OrtSession.Result result = session.run(Map.of(TrainedClassifier.INPUT, input))) {
            float[][] ort = (float[][]) result.get(0).getValue();
            double max = 0;
            for (int i = 0; i < djl.length; i++) {
                for (int k = 0; k < djl[i].length; k++) {
                    max = Math.max(max, Math.abs(djl[i][k] - ort[i][k]));
                }
            }
            return max;
        } catch (OrtException e) {
            throw new ClassifierException("ONNX Runtime cannot run the exported classifier: " + e.getMessage(), e);
        }
    }
}
