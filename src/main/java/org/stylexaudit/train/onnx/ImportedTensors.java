package org.stylexaudit.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Turns ONNX tensors (initializers, Constant values) into NDArrays. */
final class ImportedTensors {

    private ImportedTensors() {
    }

    /**
     * Converts a tensor: floating point data becomes {@code floatType}, integer data becomes INT64 (the type ONNX
     * uses for shapes, axes and pads).
     *
     * @throws OnnxImportException when the data lives outside the model file or has an unsupported type
     */
    static NDArray toNDArray(TensorProto t, NDManager manager, DataType floatType) throws OnnxImportException {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            // Refused on purpose: a location is a path chosen by whoever wrote the file, and following it could
            // read any file the process can see; a classifier small enough to audit here fits in one file.
            throw new OnnxImportException("tensor '" + t.getName() + "' keeps its data in an external file; "
                    + "external data is not accepted: re-export the model with all weights inside the .onnx file");
        }
        Shape shape = new Shape(t.getDimsList().stream().mapToLong(Long::longValue).toArray());
        int n = Math.toIntExact(shape.size());
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = !t.getRawData().isEmpty();
        switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE: {
                float[] v = new float[n];
                if (hasRaw) {
                    raw.asFloatBuffer().get(v);
                } else {
                    for (int k = 0; k < n; k++) {
                        v[k] = t.getFloatData(k);
                    }
                }
                NDArray a = manager.create(v, shape);
                return floatType == DataType.FLOAT32 ? a : cast(a, floatType);
            }
            case TensorProto.DataType.DOUBLE_VALUE: {
                double[] v = new double[n];
                if (hasRaw) {
                    raw.asDoubleBuffer().get(v);
                } else {
                    for (int k = 0; k < n; k++) {
                        v[k] = t.getDoubleData(k);
                    }
                }
                NDArray a = manager.create(v, shape);
                return floatType == DataType.FLOAT64 ? a : cast(a, floatType);
            }
            case TensorProto.DataType.INT64_VALUE: {
                long[] v = new long[n];
                if (hasRaw) {
                    raw.asLongBuffer().get(v);
                } else {
                    for (int k = 0; k < n; k++) {
                        v[k] = t.getInt64Data(k);
                    }
                }
                return manager.create(v, shape);
            }
            case TensorProto.DataType.INT32_VALUE: {
                long[] v = new long[n];
                for (int k = 0; k < n; k++) {
                    v[k] = hasRaw ? raw.getInt(4 * k) : t.getInt32Data(k);
                }
                return manager.create(v, shape);
            }
            default:
                throw new OnnxImportException("tensor '" + t.getName() + "' has ONNX data type " + t.getDataType()
                        + "; supported are float, double, int32 and int64");
        }
    }

    private static NDArray cast(NDArray a, DataType type) {
        NDArray c = a.toType(type, false);
        a.close();
        return c;
    }
}
