package org.stylexaudit.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the computation of each supported ONNX operator from DJL operations that the PyTorch engine can
 * differentiate. Each factory reads and checks the node's attributes once; the returned op runs per forward pass.
 */
final class ImportedOps {

    /** The operator types this importer understands (Constant is evaluated by the importer itself). */
    static final List<String> SUPPORTED = List.of("Abs", "Add", "AveragePool", "BatchNormalization", "Cast",
            "Clip", "Concat", "Constant", "Conv", "Div", "Dropout", "Exp", "Flatten", "Gather", "Gemm",
            "GlobalAveragePool", "GlobalMaxPool", "HardSigmoid", "HardSwish", "Identity", "LeakyRelu", "MatMul",
            "Max", "MaxPool", "Min", "Mul", "Neg", "PRelu", "Pad", "Pow", "Reciprocal", "ReduceMean", "Relu", "Reshape", "Resize", "Shape",
            "Sigmoid", "Softmax", "Sqrt", "Squeeze", "Sub", "Sum", "Tanh", "Transpose", "Unsqueeze", "Upsample");

    /** Says why a node cannot be imported; the text becomes one entry of the importer's list. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String what) {
            super(what);
        }
    }

    private ImportedOps() {
    }

    /**
     * Returns the computation of {@code node} at the model's opset.
     *
     * @param id a key unique within the model, used to cache arrays derived from constants
     * @throws Unsupported when the operator or one of its attribute values is not supported
     */
    static ImportedOp create(NodeProto node, int opset, String id) throws Unsupported {
        ImportedAttributes a = new ImportedAttributes(node);
        String op = node.getOpType();
        if (!node.getDomain().isEmpty() && !"ai.onnx".equals(node.getDomain())) {
            throw new Unsupported(node.getDomain() + "::" + op);
        }
        requireSingleOutput(node, op);
        switch (op) {
            case "Conv": return conv(a);
            case "Gemm": return gemm(a, id);
            case "MatMul": return (ctx, in) -> one(in[0].matMul(in[1]));
            case "Add": return binary(opset, a, op, NDArray::add);
            case "Sub": return binary(opset, a, op, NDArray::sub);
            case "Mul": return binary(opset, a, op, NDArray::mul);
            case "Div": return binary(opset, a, op, NDArray::div);
            case "Relu": return (ctx, in) -> one(Activation.relu(in[0]));
            case "LeakyRelu": {
                float alpha = a.f("alpha", 0.01f);
                return (ctx, in) -> one(Activation.leakyRelu(in[0], alpha));
            }
            case "Sigmoid": return (ctx, in) -> one(Activation.sigmoid(in[0]));
            case "HardSigmoid": return hardSigmoid(a.f("alpha", 0.2f), a.f("beta", 0.5f), false);
            case "HardSwish": return hardSigmoid(1f / 6, 0.5f, true);
            case "PRelu": return (ctx, in) -> one(Activation.relu(in[0]).sub(Activation.relu(in[0].neg()).mul(in[1])));
            case "Neg": return (ctx, in) -> one(in[0].neg());
            case "Abs": return (ctx, in) -> one(in[0].abs());
            case "Exp": return (ctx, in) -> one(in[0].exp());
            case "Sqrt": return (ctx, in) -> one(in[0].sqrt());
            case "Reciprocal": return (ctx, in) -> one(ctx.scalar(1).div(in[0]));
            case "Pow": return (ctx, in) -> one(in[0].pow(in[1]));
            case "Sum": return variadic(NDArray::add);
            case "Max": return variadic(NDArray::maximum);
            case "Min": return variadic(NDArray::minimum);
            case "Tanh": return (ctx, in) -> one(Activation.tanh(in[0]));
            case "Softmax": return softmax(a, opset);
            case "Clip": return clip(a, opset);
            case "BatchNormalization": return batchNorm(a, opset, id);
            case "MaxPool": return maxPool(a);
            case "AveragePool": return avgPool(a);
            case "GlobalAveragePool": return (ctx, in) -> one(reduce(in[0], spatialAxes(in[0]), true, false));
            case "GlobalMaxPool": return (ctx, in) -> one(reduce(in[0], spatialAxes(in[0]), true, true));
            case "Flatten": return flatten(a);
            case "Reshape": return reshape(a);
            case "Transpose": return transpose(a);
            case "Concat": {
                long axis = a.i("axis", 1);
                return (ctx, in) -> one(NDArrays.concat(new NDList(in), axis(axis, in[0])));
            }
            case "Pad": return pad(a, opset);
            case "Resize": return ImportedResize.resize(a, opset, id);
            case "Upsample": return ImportedResize.upsample(a, opset, id);
            case "Identity":
            case "Dropout": return (ctx, in) -> one(in[0]);
            case "ReduceMean": return reduceMean(a, opset);
            case "Shape": return shape(a);
            case "Gather": return gather(a);
            case "Unsqueeze": return unsqueeze(a, opset);
            case "Squeeze": return squeeze(a, opset);
            case "Cast": return cast(a);
            case "Constant": return constant(a);
            default: throw new Unsupported(op);
        }
    }

    private static void requireSingleOutput(NodeProto node, String op) throws Unsupported {
        // Extra outputs (MaxPool indices, Dropout mask, BatchNorm training statistics) only exist in training
        // graphs; an inference classifier never consumes them.
        for (int k = 1; k < node.getOutputCount(); k++) {
            if (!node.getOutput(k).isEmpty()) {
                throw new Unsupported(op + " (output " + (k + 1) + " '" + node.getOutput(k) + "' used)");
            }
        }
    }

    // ---- arithmetic ----

    private static ImportedOp binary(int opset, ImportedAttributes a, String op,
            java.util.function.BinaryOperator<NDArray> f) throws Unsupported {
        if (opset < 7 && a.i("broadcast", 0) == 1 && a.has("axis")) {
            throw new Unsupported(op + " (legacy broadcast with axis, opset " + opset + ")");
        }
        return (ctx, in) -> one(f.apply(in[0], in[1]));
    }

    private static ImportedOp variadic(java.util.function.BinaryOperator<NDArray> f) {
        return (ctx, in) -> {
            NDArray y = in[0];
            for (int k = 1; k < in.length; k++) {
                y = f.apply(y, in[k]);
            }
            return one(y);
        };
    }

    /** Returns clip(alpha x + beta, 0, 1), times x for HardSwish; the scalars are long-lived arrays. */
    private static ImportedOp hardSigmoid(float alpha, float beta, boolean swish) {
        return (ctx, in) -> {
            NDArray gate = in[0].mul(ctx.scalar(alpha)).add(ctx.scalar(beta)).clip(0, 1);
            return one(swish ? in[0].mul(gate) : gate);
        };
    }

    private static ImportedOp gemm(ImportedAttributes a, String id) {
        boolean transA = a.i("transA", 0) == 1;
        boolean transB = a.i("transB", 0) == 1;
        float alpha = a.f("alpha", 1f);
        float beta = a.f("beta", 1f);
        return (ctx, in) -> {
            NDArray x = transA ? derived(ctx, id + "/A", in[0], NDArray::transpose) : in[0];
            NDArray w = transB ? derived(ctx, id + "/B", in[1], NDArray::transpose) : in[1];
            NDArray y = x.matMul(w);
            if (alpha != 1f) {
                y = y.mul(ctx.scalar(alpha));
            }
            if (in.length > 2 && in[2] != null) {
                NDArray c = beta == 1f ? in[2] : derived(ctx, id + "/C", in[2], t -> t.mul(ctx.scalar(beta)));
                y = y.add(c);
            }
            return one(y);
        };
    }

    private static ImportedOp softmax(ImportedAttributes a, int opset) {
        if (opset >= 13) {
            long axis = a.i("axis", -1);
            return (ctx, in) -> one(in[0].softmax(axis(axis, in[0])));
        }
        // Before opset 13 Softmax flattens to 2-D at `axis` and normalises over everything after it.
        long axis = a.i("axis", 1);
        return (ctx, in) -> {
            Shape s = in[0].getShape();
            int ax = axis(axis, in[0]);
            NDArray flat = in[0].reshape(s.slice(0, ax).size(), s.slice(ax).size());
            return one(flat.softmax(1).reshape(s));
        };
    }

    private static ImportedOp clip(ImportedAttributes a, int opset) {
        if (opset < 11) {
            float min = a.f("min", -Float.MAX_VALUE);
            float max = a.f("max", Float.MAX_VALUE);
            return (ctx, in) -> one(in[0].clip(min, max));
        }
        return (ctx, in) -> {
            double min = in.length > 1 && in[1] != null ? values(in[1])[0]
                    : -Double.MAX_VALUE;
            double max = in.length > 2 && in[2] != null ? values(in[2])[0]
                    : Double.MAX_VALUE;
            return one(in[0].clip(min, max));
        };
    }

    private static ImportedOp batchNorm(ImportedAttributes a, int opset, String id) throws Unsupported {
        if (a.i("training_mode", 0) == 1) {
            throw new Unsupported("BatchNormalization (training_mode=1)");
        }
        if (opset < 9 && a.i("spatial", 1) == 0) {
            throw new Unsupported("BatchNormalization (spatial=0)");
        }
        float eps = a.f("epsilon", 1e-5f);
        return (ctx, in) -> {
            NDArray x = in[0];
            int rank = x.getShape().dimension();
            // Inference BatchNorm is the affine map x * k + c with k = scale / sqrt(var + eps) and
            // c = B - mean * k, computed once from the frozen statistics.
            boolean frozen = ctx.isConstant(in[1]) && ctx.isConstant(in[2]) && ctx.isConstant(in[3])
                    && ctx.isConstant(in[4]);
            Function<ai.djl.ndarray.NDManager, NDArray> kMake =
                    m -> channelShape(in[1].div(in[4].add(ctx.scalar(eps)).sqrt()), rank);
            NDArray k = frozen ? ctx.cached(id + "/k" + rank, kMake) : kMake.apply(null);
            Function<ai.djl.ndarray.NDManager, NDArray> cMake =
                    m -> channelShape(in[2], rank).sub(channelShape(in[3], rank).mul(k));
            NDArray c = frozen ? ctx.cached(id + "/c" + rank, cMake) : cMake.apply(null);
            return one(x.mul(k).add(c));
        };
    }

    private static NDArray channelShape(NDArray v, int rank) {
        long[] dims = new long[Math.max(1, rank - 1)];
        Arrays.fill(dims, 1);
        dims[0] = v.getShape().get(0);
        return v.reshape(dims);
    }

    // ---- convolution and pooling ----

    private static ImportedOp conv(ImportedAttributes a) throws Unsupported {
        long[] kernel = a.ints("kernel_shape");
        if (kernel != null && kernel.length != 2) {
            throw new Unsupported("Conv (" + kernel.length + "-D; only 2-D is supported)");
        }
        String autoPad = autoPad(a, "Conv");
        long[] strides = orOnes(a.ints("strides"));
        long[] dil = orOnes(a.ints("dilations"));
        long[] pads = a.ints("pads");
        int group = Math.toIntExact(a.i("group", 1));
        return (ctx, in) -> {
            NDArray x = in[0];
            NDArray w = in[1];
            NDArray b = in.length > 2 ? in[2] : null;
            requireRank(x, 4, "Conv");
            long[] k = {w.getShape().get(2), w.getShape().get(3)};
            long[] p = spatialPads(autoPad, pads, x.getShape(), k, strides, dil);
            Shape padding = new Shape(0, 0);
            if (p[0] == p[2] && p[1] == p[3]) {
                padding = new Shape(p[0], p[1]);
            } else {
                x = padSpatial(x, p, 0);
            }
            return one(Conv2d.conv2d(x, w, b, new Shape(strides), padding, new Shape(dil), group).singletonOrThrow());
        };
    }

    private static ImportedOp maxPool(ImportedAttributes a) throws Unsupported {
        long[] kernel = pool2dKernel(a, "MaxPool");
        long[] dil = a.ints("dilations");
        if (dil != null && Arrays.stream(dil).anyMatch(d -> d != 1)) {
            throw new Unsupported("MaxPool (dilations " + Arrays.toString(dil) + ")");
        }
        String autoPad = autoPad(a, "MaxPool");
        long[] strides = orOnes(a.ints("strides"));
        long[] pads = a.ints("pads");
        boolean ceil = a.i("ceil_mode", 0) == 1;
        return (ctx, in) -> {
            NDArray x = in[0];
            requireRank(x, 4, "MaxPool");
            long[] p = spatialPads(autoPad, pads, x.getShape(), kernel, strides, new long[] {1, 1});
            if (symmetricWithin(p, kernel)) {
                return one(Pool.maxPool2d(x, new Shape(kernel), new Shape(strides), new Shape(p[0], p[1]), ceil));
            }
            // PyTorch pads symmetrically and at most half a kernel; pad with -inf so padding never wins the max.
            NDArray padded = padSpatial(x, p, Double.NEGATIVE_INFINITY);
            return one(Pool.maxPool2d(padded, new Shape(kernel), new Shape(strides), new Shape(0, 0), ceil));
        };
    }

    private static ImportedOp avgPool(ImportedAttributes a) throws Unsupported {
        long[] kernel = pool2dKernel(a, "AveragePool");
        String autoPad = autoPad(a, "AveragePool");
        long[] strides = orOnes(a.ints("strides"));
        long[] pads = a.ints("pads");
        boolean ceil = a.i("ceil_mode", 0) == 1;
        boolean includePad = a.i("count_include_pad", 0) == 1;
        return (ctx, in) -> {
            NDArray x = in[0];
            requireRank(x, 4, "AveragePool");
            long[] p = spatialPads(autoPad, pads, x.getShape(), kernel, strides, new long[] {1, 1});
            Shape k = new Shape(kernel);
            Shape s = new Shape(strides);
            boolean padded = Arrays.stream(p).anyMatch(v -> v != 0);
            NDArray sum = windowMean(x, p, k, s, ceil);
            if (includePad || !padded) {
                return one(sum);
            }
            // Not counting pads: divide by the share of real pixels in each window. Computed explicitly because
            // DJL 0.36's PyTorch avgPool ignores count_include_pad=false (measured against ONNX Runtime).
            Shape xs = x.getShape();
            NDArray ones = x.getManager().ones(new Shape(1, 1, xs.get(2), xs.get(3)), x.getDataType());
            return one(sum.div(windowMean(ones, p, k, s, ceil)));
        };
    }

    /** Averages windows counting padded zeros, padding explicitly when PyTorch cannot (asymmetric, large). */
    private static NDArray windowMean(NDArray x, long[] p, Shape k, Shape s, boolean ceil) {
        long[] kernel = k.getShape();
        if (symmetricWithin(p, kernel)) {
            return Pool.avgPool2d(x, k, s, new Shape(p[0], p[1]), ceil, true);
        }
        return Pool.avgPool2d(padSpatial(x, p, 0), k, s, new Shape(0, 0), ceil, true);
    }

    private static long[] pool2dKernel(ImportedAttributes a, String op) throws Unsupported {
        long[] kernel = a.ints("kernel_shape");
        if (kernel == null || kernel.length != 2) {
            throw new Unsupported(op + " (" + (kernel == null ? "no" : kernel.length + "-D") + " kernel_shape; "
                    + "only 2-D is supported)");
        }
        return kernel;
    }

    private static String autoPad(ImportedAttributes a, String op) throws Unsupported {
        String autoPad = a.s("auto_pad", "NOTSET");
        if (!List.of("NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID").contains(autoPad)) {
            throw new Unsupported(op + " (auto_pad " + autoPad + ")");
        }
        return autoPad;
    }

    private static long[] orOnes(long[] v) {
        return v == null ? new long[] {1, 1} : v;
    }

    private static boolean symmetricWithin(long[] p, long[] kernel) {
        return p[0] == p[2] && p[1] == p[3] && p[0] <= kernel[0] / 2 && p[1] <= kernel[1] / 2;
    }

    /** Returns the spatial pads of a 2-D window op as {@code [hBegin, wBegin, hEnd, wEnd]} (ONNX order). */
    static long[] spatialPads(String autoPad, long[] pads, Shape x, long[] k, long[] strides, long[] dil) {
        long[] p = new long[4];
        if ("SAME_UPPER".equals(autoPad) || "SAME_LOWER".equals(autoPad)) {
            for (int i = 0; i < 2; i++) {
                long in = x.get(2 + i);
                long out = (in + strides[i] - 1) / strides[i];
                long total = Math.max(0, (out - 1) * strides[i] + (k[i] - 1) * dil[i] + 1 - in);
                long small = total / 2;
                p[i] = "SAME_UPPER".equals(autoPad) ? small : total - small;
                p[i + 2] = total - p[i];
            }
        } else if (!"VALID".equals(autoPad) && pads != null) {
            System.arraycopy(pads, 0, p, 0, 4);
        }
        return p;
    }

    /** Pads H and W of an NCHW array; {@code p} is {@code [hBegin, wBegin, hEnd, wEnd]}. */
    private static NDArray padSpatial(NDArray x, long[] p, double value) {
        // torch's constant_pad_nd takes (begin, end) pairs starting from the LAST axis.
        return x.pad(new Shape(p[1], p[3], p[0], p[2]), value);
    }

    // ---- shape manipulation ----

    private static ImportedOp flatten(ImportedAttributes a) {
        long axis = a.i("axis", 1);
        return (ctx, in) -> {
            Shape s = in[0].getShape();
            int ax = (int) (axis < 0 ? axis + s.dimension() : axis);
            return one(in[0].reshape(s.slice(0, ax).size(), s.slice(ax).size()));
        };
    }

    private static ImportedOp reshape(ImportedAttributes a) throws Unsupported {
        if (a.has("shape")) {
            throw new Unsupported("Reshape (shape attribute, opset < 5)");
        }
        boolean allowZero = a.i("allowzero", 0) == 1;
        return (ctx, in) -> {
            long[] dims = in[1].toLongArray();
            Shape s = in[0].getShape();
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] == 0 && !allowZero) {
                    dims[i] = s.get(i);
                }
            }
            return one(in[0].reshape(new Shape(dims)));
        };
    }

    private static ImportedOp transpose(ImportedAttributes a) {
        long[] perm = a.ints("perm");
        return (ctx, in) -> {
            int rank = in[0].getShape().dimension();
            int[] p = new int[rank];
            for (int i = 0; i < rank; i++) {
                p[i] = perm == null ? rank - 1 - i : (int) perm[i];
            }
            return one(in[0].transpose(p));
        };
    }

    private static ImportedOp pad(ImportedAttributes a, int opset) throws Unsupported {
        String mode = a.s("mode", "constant");
        if (!List.of("constant", "reflect", "edge").contains(mode)) {
            throw new Unsupported("Pad (mode " + mode + ")");
        }
        long[] attrPads = opset < 11 ? (a.has("pads") ? a.ints("pads") : a.ints("paddings")) : null;
        float attrValue = a.f("value", 0f);
        return (ctx, in) -> {
            NDArray x = in[0];
            int rank = x.getShape().dimension();
            long[] pads = attrPads != null ? attrPads : in[1].toLongArray();
            double value = opset < 11 ? attrValue
                    : in.length > 2 && in[2] != null ? values(in[2])[0] : 0;
            long[] axes = in.length > 3 && in[3] != null ? in[3].toLongArray() : null;
            int n = axes == null ? rank : axes.length;
            long[] begin = new long[rank];
            long[] end = new long[rank];
            for (int i = 0; i < n; i++) {
                int ax = axes == null ? i : (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
                begin[ax] = pads[i];
                end[ax] = pads[i + n];
            }
            return one(padAll(x, begin, end, mode, value));
        };
    }

    private static NDArray padAll(NDArray x, long[] begin, long[] end, String mode, double value) {
        int rank = begin.length;
        NDArray y = x;
        // Negative pads crop; do them first so the positive part pads what remains.
        for (int ax = 0; ax < rank; ax++) {
            if (begin[ax] < 0 || end[ax] < 0) {
                long n = y.getShape().get(ax);
                y = y.get(NDIndex.sliceAxis(ax, Math.max(0, -begin[ax]), n - Math.max(0, -end[ax])));
            }
        }
        if ("constant".equals(mode)) {
            long[] torch = new long[2 * rank];
            for (int ax = 0; ax < rank; ax++) {
                torch[2 * (rank - 1 - ax)] = Math.max(0, begin[ax]);
                torch[2 * (rank - 1 - ax) + 1] = Math.max(0, end[ax]);
            }
            return Arrays.stream(torch).allMatch(v -> v == 0) ? y : y.pad(new Shape(torch), value);
        }
        for (int ax = 0; ax < rank; ax++) {
            long b = Math.max(0, begin[ax]);
            long e = Math.max(0, end[ax]);
            if (b == 0 && e == 0) {
                continue;
            }
            long n = y.getShape().get(ax);
            boolean reflect = "reflect".equals(mode);
            NDList parts = new NDList();
            for (long k = b; k >= 1; k--) {
                long src = reflect ? k : 0;
                parts.add(y.get(NDIndex.sliceAxis(ax, src, src + 1)));
            }
            parts.add(y);
            for (long k = 1; k <= e; k++) {
                long src = reflect ? n - 1 - k : n - 1;
                parts.add(y.get(NDIndex.sliceAxis(ax, src, src + 1)));
            }
            y = NDArrays.concat(parts, ax);
        }
        return y;
    }

    private static ImportedOp reduceMean(ImportedAttributes a, int opset) {
        boolean keep = a.i("keepdims", 1) == 1;
        boolean noopEmpty = a.i("noop_with_empty_axes", 0) == 1;
        long[] attrAxes = opset < 18 ? a.ints("axes") : null;
        return (ctx, in) -> {
            NDArray x = in[0];
            long[] axes = opset < 18 ? attrAxes : in.length > 1 && in[1] != null ? in[1].toLongArray() : null;
            if (axes == null || axes.length == 0) {
                if (noopEmpty) {
                    return one(x);
                }
                axes = new long[x.getShape().dimension()];
                Arrays.setAll(axes, i -> i);
            }
            return one(reduce(x, normalise(axes, x.getShape().dimension()), keep, false));
        };
    }

    private static int[] spatialAxes(NDArray x) {
        int rank = x.getShape().dimension();
        int[] axes = new int[rank - 2];
        Arrays.setAll(axes, i -> i + 2);
        return axes;
    }

    /** Reduces one axis at a time, highest first, so the remaining axis numbers stay valid. */
    private static NDArray reduce(NDArray x, int[] axes, boolean keep, boolean max) {
        int[] sorted = axes.clone();
        Arrays.sort(sorted);
        NDArray y = x;
        for (int i = sorted.length - 1; i >= 0; i--) {
            int[] one = {sorted[i]};
            y = max ? y.max(one, keep) : y.mean(one, keep);
        }
        return y;
    }

    private static ImportedOp shape(ImportedAttributes a) {
        long start = a.i("start", 0);
        Long end = a.has("end") ? a.i("end", 0) : null;
        return (ctx, in) -> {
            long[] dims = in[0].getShape().getShape();
            int r = dims.length;
            int s = (int) Math.max(0, Math.min(r, start < 0 ? start + r : start));
            int e = end == null ? r : (int) Math.max(0, Math.min(r, end < 0 ? end + r : end));
            return one(in[0].getManager().create(Arrays.copyOfRange(dims, s, Math.max(s, e))));
        };
    }

    private static ImportedOp gather(ImportedAttributes a) {
        long axis = a.i("axis", 0);
        return (ctx, in) -> {
            NDArray x = in[0];
            int ax = axis(axis, x);
            long n = x.getShape().get(ax);
            long[] idx = in[1].toLongArray();
            if (in[1].getShape().dimension() > 1) {
                throw new IllegalArgumentException("Gather supports scalar or 1-D indices, got shape "
                        + in[1].getShape());
            }
            NDList parts = new NDList();
            for (long i : idx) {
                long j = i < 0 ? i + n : i;
                parts.add(x.get(NDIndex.sliceAxis(ax, j, j + 1)));
            }
            NDArray y = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, ax);
            return one(in[1].getShape().dimension() == 0 ? y.squeeze(ax) : y);
        };
    }

    private static ImportedOp unsqueeze(ImportedAttributes a, int opset) {
        long[] attrAxes = opset < 13 ? a.ints("axes") : null;
        return (ctx, in) -> {
            long[] axes = attrAxes != null ? attrAxes : in[1].toLongArray();
            int outRank = in[0].getShape().dimension() + axes.length;
            int[] ax = normalise(axes, outRank);
            Arrays.sort(ax);
            NDArray y = in[0];
            for (int d : ax) {
                y = y.expandDims(d);
            }
            return one(y);
        };
    }

    private static ImportedOp squeeze(ImportedAttributes a, int opset) {
        long[] attrAxes = opset < 13 ? a.ints("axes") : null;
        return (ctx, in) -> {
            long[] axes = attrAxes != null ? attrAxes : in.length > 1 && in[1] != null ? in[1].toLongArray() : null;
            if (axes == null) {
                return one(in[0].squeeze());
            }
            return one(in[0].squeeze(normalise(axes, in[0].getShape().dimension())));
        };
    }

    private static ImportedOp cast(ImportedAttributes a) throws Unsupported {
        int to = (int) a.i("to", 0);
        boolean toFloat = to == TensorProto.DataType.FLOAT_VALUE || to == TensorProto.DataType.DOUBLE_VALUE;
        boolean toInt = to == TensorProto.DataType.INT64_VALUE || to == TensorProto.DataType.INT32_VALUE;
        if (!toFloat && !toInt) {
            throw new Unsupported("Cast (to ONNX type " + to + ")");
        }
        return (ctx, in) -> {
            DataType target = toFloat ? ctx.floatType() : DataType.INT64;
            return one(in[0].getDataType() == target ? in[0] : in[0].toType(target, false));
        };
    }

    private static ImportedOp constant(ImportedAttributes a) throws Unsupported {
        if (!a.has("value") && !a.has("value_float") && !a.has("value_floats") && !a.has("value_int")
                && !a.has("value_ints")) {
            throw new Unsupported("Constant (sparse or string value)");
        }
        return (ctx, in) -> {
            throw new IllegalStateException("Constant nodes are evaluated at import");
        };
    }

    // ---- helpers ----

    /**
     * Applies {@code f} to {@code x}; when {@code x} is a model constant the result is computed once and kept, so
     * weight-first expressions do not leak a new array into the constants' manager on every forward pass.
     */
    static NDArray derived(ImportedContext ctx, String key, NDArray x, java.util.function.UnaryOperator<NDArray> f) {
        return ctx.isConstant(x) ? ctx.cached(key, m -> f.apply(x)) : f.apply(x);
    }

    /**
     * Reads a small array's values into Java without making a new NDArray: a converted copy of a constant would
     * land in the constants' manager on every forward pass.
     */
    static double[] values(NDArray a) {
        switch (a.getDataType()) {
            case FLOAT64:
                return a.toDoubleArray();
            case FLOAT32: {
                float[] f = a.toFloatArray();
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                return d;
            }
            case INT64:
                return java.util.Arrays.stream(a.toLongArray()).asDoubleStream().toArray();
            default:
                throw new IllegalArgumentException("expected a float or int64 array, got " + a.getDataType());
        }
    }

    static NDArray[] one(NDArray a) {
        return new NDArray[] {a};
    }

    static int axis(long axis, NDArray x) {
        return (int) (axis < 0 ? axis + x.getShape().dimension() : axis);
    }

    private static int[] normalise(long[] axes, int rank) {
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            r[i] = (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
        }
        return r;
    }

    private static void requireRank(NDArray x, int rank, String op) {
        if (x.getShape().dimension() != rank) {
            throw new IllegalArgumentException(op + " expects a " + rank + "-D input (N, C, H, W), got shape "
                    + x.getShape());
        }
    }
}
