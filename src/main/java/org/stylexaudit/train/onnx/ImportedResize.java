package org.stylexaudit.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Resizes H and W of NCHW arrays as ONNX Resize / Upsample define it, by multiplying with two interpolation
 * matrices ({@code Y = Ah X Aw^T}). Matrices make every coordinate mode and rounding rule exact and keep the
 * operation differentiable with plain matrix products.
 */
final class ImportedResize {

    private static final List<String> TRANSFORMS = List.of("half_pixel", "pytorch_half_pixel", "align_corners",
            "asymmetric", "tf_half_pixel_for_nn");
    private static final List<String> ROUNDINGS = List.of("round_prefer_floor", "round_prefer_ceil", "floor",
            "ceil");

    private ImportedResize() {
    }

    /** Returns the Resize computation (opset 10 and later). */
    static ImportedOp resize(ImportedAttributes a, int opset, String id) throws ImportedOps.Unsupported {
        String mode = a.s("mode", "nearest");
        String transform = a.s("coordinate_transformation_mode", opset < 11 ? "asymmetric" : "half_pixel");
        // Resize-10 has no nearest_mode; ONNX Runtime then floors when enlarging and ceils when shrinking.
        String rounding = opset < 11 ? "simple" : a.s("nearest_mode", "round_prefer_floor");
        check(mode, transform, rounding);
        if (a.i("antialias", 0) != 0) {
            throw new ImportedOps.Unsupported("Resize (antialias)");
        }
        if (a.i("exclude_outside", 0) != 0) {
            throw new ImportedOps.Unsupported("Resize (exclude_outside)");
        }
        if (!"stretch".equals(a.s("keep_aspect_ratio_policy", "stretch"))) {
            throw new ImportedOps.Unsupported("Resize (keep_aspect_ratio_policy)");
        }
        long[] axes = a.ints("axes");
        return (ctx, in) -> {
            NDArray scales = opset < 11 ? in[1] : in.length > 2 ? in[2] : null;
            NDArray sizes = opset >= 11 && in.length > 3 ? in[3] : null;
            return ImportedOps.one(apply(ctx, id, in[0], scales, sizes, axes, mode, transform, rounding));
        };
    }

    /** Returns the Upsample computation (deprecated, opsets 7 to 9): asymmetric coordinates. */
    static ImportedOp upsample(ImportedAttributes a, int opset, String id) throws ImportedOps.Unsupported {
        String mode = a.s("mode", "nearest");
        check(mode, "asymmetric", "simple");
        float[] attrScales = a.floats("scales");
        return (ctx, in) -> {
            NDArray scales = attrScales != null
                    ? ctx.cached(id + "/scales", m -> m.create(attrScales)) : in[1];
            return ImportedOps.one(apply(ctx, id, in[0], scales, null, null, mode, "asymmetric", "simple"));
        };
    }

    private static void check(String mode, String transform, String rounding) throws ImportedOps.Unsupported {
        if (!"nearest".equals(mode) && !"linear".equals(mode) && !"bilinear".equals(mode)) {
            throw new ImportedOps.Unsupported("Resize (mode " + mode + ")");
        }
        if (!TRANSFORMS.contains(transform)) {
            throw new ImportedOps.Unsupported("Resize (coordinate_transformation_mode " + transform + ")");
        }
        if (!"simple".equals(rounding) && !ROUNDINGS.contains(rounding)) {
            throw new ImportedOps.Unsupported("Resize (nearest_mode " + rounding + ")");
        }
    }

    private static NDArray apply(ImportedContext ctx, String id, NDArray x, NDArray scales, NDArray sizes,
            long[] axes, String mode, String transform, String rounding) {
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("Resize expects a 4-D input (N, C, H, W), got shape " + s);
        }
        long[] in = {s.get(2), s.get(3)};
        long[] out = new long[2];
        double[] scale = new double[2];
        if (sizes != null && sizes.size() > 0) {
            long[] sz = lastTwo(sizes.toLongArray(), axes, s, "sizes");
            for (int i = 0; i < 2; i++) {
                out[i] = sz[i];
                scale[i] = (double) (float) ((float) out[i] / in[i]);
            }
        } else if (scales != null && scales.size() > 0) {
            double[] sc = ImportedOps.values(scales);
            double[] sc2 = lastTwoScales(sc, axes, s);
            for (int i = 0; i < 2; i++) {
                scale[i] = sc2[i];
                out[i] = (long) Math.floor(in[i] * sc2[i]);
            }
        } else {
            throw new IllegalArgumentException("Resize needs either scales or sizes");
        }
        boolean nearest = "nearest".equals(mode);
        NDArray y = x;
        if (out[1] != in[1] || scale[1] != 1) {
            String key = id + "/w" + in[1] + ">" + out[1] + "@" + scale[1];
            NDArray awT = ctx.cached(key, m -> m.create(
                    matrix(in[1], out[1], scale[1], nearest, transform, rounding), new Shape(out[1], in[1]))
                    .toType(ctx.floatType(), false).transpose());
            y = y.matMul(awT);
        }
        if (out[0] != in[0] || scale[0] != 1) {
            String key = id + "/h" + in[0] + ">" + out[0] + "@" + scale[0];
            NDArray ah = ctx.cached(key, m -> m.create(
                    matrix(in[0], out[0], scale[0], nearest, transform, rounding), new Shape(out[0], in[0]))
                    .toType(ctx.floatType(), false));
            y = ah.matMul(y);
        }
        return y;
    }

    private static long[] lastTwo(long[] v, long[] axes, Shape s, String what) {
        if (axes != null) {
            if (axes.length != 2 || norm(axes[0]) != 2 || norm(axes[1]) != 3) {
                throw new IllegalArgumentException("Resize supports only the axes H and W, got axes "
                        + java.util.Arrays.toString(axes));
            }
            return v;
        }
        if (v.length != 4 || v[0] != s.get(0) || v[1] != s.get(1)) {
            throw new IllegalArgumentException("Resize can only change H and W; " + what + " "
                    + java.util.Arrays.toString(v) + " for input " + s);
        }
        return new long[] {v[2], v[3]};
    }

    private static double[] lastTwoScales(double[] v, long[] axes, Shape s) {
        if (axes != null) {
            return new double[] {v[0], v[1]};
        }
        if (v.length != 4 || v[0] != 1 || v[1] != 1) {
            throw new IllegalArgumentException("Resize can only change H and W; scales "
                    + java.util.Arrays.toString(v) + " for input " + s);
        }
        return new double[] {v[2], v[3]};
    }

    private static long norm(long axis) {
        return axis < 0 ? axis + 4 : axis;
    }

    /** Returns the row-major (out x in) interpolation matrix for one axis. */
    static double[] matrix(long in, long out, double scale, boolean nearest, String transform, String rounding) {
        int n = Math.toIntExact(in);
        int m = Math.toIntExact(out);
        double[] a = new double[m * n];
        for (int o = 0; o < m; o++) {
            double x = source(o, n, m, scale, transform);
            if (nearest) {
                long i = round(x, rounding, scale);
                i = Math.max(0, Math.min(n - 1, i));
                a[o * n + (int) i] = 1;
            } else {
                // ONNX Runtime clamps the source coordinate into the image before interpolating.
                double c = Math.max(0, Math.min(n - 1, x));
                int i0 = (int) Math.floor(c);
                int i1 = Math.min(i0 + 1, n - 1);
                double w = c - i0;
                a[o * n + i0] += 1 - w;
                a[o * n + i1] += w;
            }
        }
        return a;
    }

    private static double source(int o, int in, int out, double scale, String transform) {
        switch (transform) {
            case "half_pixel":
                return (o + 0.5) / scale - 0.5;
            case "pytorch_half_pixel":
                return out > 1 ? (o + 0.5) / scale - 0.5 : 0;
            case "align_corners":
                return out == 1 ? 0 : o * (in - 1.0) / (out - 1.0);
            case "tf_half_pixel_for_nn":
                return (o + 0.5) / scale;
            default:
                return o / scale;
        }
    }

    private static long round(double x, String rounding, double scale) {
        switch (rounding) {
            case "round_prefer_ceil":
                return (long) Math.floor(x + 0.5);
            case "floor":
                return (long) Math.floor(x);
            case "ceil":
                return (long) Math.ceil(x);
            case "simple":
                return scale < 1 ? (long) Math.ceil(x) : (long) Math.floor(x);
            default: // round_prefer_floor
                return x == Math.floor(x) + 0.5 ? (long) Math.floor(x) : Math.round(x);
        }
    }
}
