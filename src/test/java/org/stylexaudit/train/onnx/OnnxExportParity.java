package org.stylexaudit.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.stylexaudit.train.nn.OnnxExportable;

/**
 * Test fixture: runs a block in DJL and its ONNX export in ONNX Runtime on the same inputs and reports the largest
 * absolute difference.
 */
public final class OnnxExportParity {

    /** The tolerance the brief sets for export parity. */
    public static final double TOLERANCE = 1e-4;

    private OnnxExportParity() {
    }

    /** Runs a serialised model in ONNX Runtime; returns each output's values in graph-output order. */
    public static List<float[]> runOrt(byte[] model, Map<String, NDArray> inputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, opts)) {
                Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
                try {
                    for (var e : inputs.entrySet()) {
                        feeds.put(e.getKey(), OnnxTensor.createTensor(env,
                                FloatBuffer.wrap(e.getValue().toFloatArray()), e.getValue().getShape().getShape()));
                    }
                    try (OrtSession.Result result = session.run(feeds)) {
                        List<float[]> outs = new ArrayList<>();
                        for (Map.Entry<String, OnnxValue> o : result) {
                            FloatBuffer fb = ((OnnxTensor) o.getValue()).getFloatBuffer();
                            float[] v = new float[fb.remaining()];
                            fb.get(v);
                            outs.add(v);
                        }
                        return outs;
                    }
                } finally {
                    feeds.values().forEach(OnnxTensor::close);
                }
            }
        }
    }

    /** Returns the largest absolute difference of two equally long arrays. */
    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /**
     * Exports {@code block} with the given input names and shapes (batch dimension symbolic), runs it in both
     * engines on {@code inputs} (inference mode) and returns the largest absolute difference over all outputs.
     */
    public static <B extends Block & OnnxExportable> double compare(B block, List<String> inputNames,
            List<NDArray> inputs) throws OrtException {
        NDList djl = block.forward(new ParameterStore(inputs.get(0).getManager(), false), new NDList(inputs),
                false);
        List<OnnxExport.Port> ins = new ArrayList<>();
        Map<String, NDArray> feeds = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            ins.add(OnnxExport.port(inputNames.get(i), symbolic(inputs.get(i).getShape())));
            feeds.put(inputNames.get(i), inputs.get(i));
        }
        List<OnnxExport.Port> outs = new ArrayList<>();
        for (int i = 0; i < djl.size(); i++) {
            outs.add(OnnxExport.port("out" + i, symbolic(djl.get(i).getShape())));
        }
        byte[] model = OnnxExport.graph("g", block, ins, outs).toBytes();
        List<float[]> ort = runOrt(model, feeds);
        double max = 0;
        for (int i = 0; i < djl.size(); i++) {
            max = Math.max(max, maxAbsDiff(djl.get(i).toFloatArray(), ort.get(i)));
        }
        return max;
    }

    /** Fills every parameter of an initialised block with random values (variances positive). */
    public static void randomizeParameters(Block block, long seed) {
        Random rnd = new Random(seed);
        for (var pair : block.getParameters()) {
            Parameter p = pair.getValue();
            NDArray a = p.getArray();
            float[] v = new float[(int) a.size()];
            boolean positive = p.getType() == Parameter.Type.RUNNING_VAR || p.getType() == Parameter.Type.GAMMA;
            for (int i = 0; i < v.length; i++) {
                v[i] = positive ? 0.5f + rnd.nextFloat() : (float) rnd.nextGaussian();
            }
            a.set(FloatBuffer.wrap(v));
        }
    }

    /** Returns a random normal float array of the given shape. */
    public static NDArray randomInput(NDManager manager, Random rnd, long... shape) {
        Shape s = new Shape(shape);
        float[] v = new float[(int) s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return manager.create(v, s).toType(DataType.FLOAT32, false);
    }

    private static Object[] symbolic(Shape shape) {
        Object[] dims = new Object[shape.dimension()];
        dims[0] = "N";
        for (int i = 1; i < dims.length; i++) {
            dims[i] = shape.get(i);
        }
        return dims;
    }
}
