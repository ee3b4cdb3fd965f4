package org.stylexaudit.train.stylex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stylexaudit.train.onnx.ImportedModel;
import org.stylexaudit.train.onnx.OnnxImportException;
import org.stylexaudit.train.onnx.OnnxImporter;

/**
 * Adapts a user's ONNX classifier, imported by {@link OnnxImporter} as a differentiable DJL computation, to
 * {@link FrozenClassifier}. Class names and the input value range come from the model's metadata
 * ({@code class_names}, {@code value_range}) when present.
 *
 * <pre>{@code
 * try (OnnxFrozenClassifier c = OnnxFrozenClassifier.load(Path.of("classifier.onnx"))) {
 *     String range = c.valueRange(); // "signed", "unit" or null when the model does not say
 * }
 * }</pre>
 */
public final class OnnxFrozenClassifier implements FrozenClassifier {

    private final Path file;
    private final NDManager manager;
    private final ImportedModel model;
    private final List<String> classNames;
    private final String valueRange;

    private OnnxFrozenClassifier(Path file, NDManager manager, ImportedModel model, List<String> classNames,
            String valueRange) {
        this.file = file;
        this.manager = manager;
        this.model = model;
        this.classNames = classNames;
        this.valueRange = valueRange;
    }

    /** Imports {@code file}; fails with a message naming unsupported operators or an unreadable file. */
    public static OnnxFrozenClassifier load(Path file) throws StylexException {
        OnnxMl.ModelProto proto;
        try (InputStream in = Files.newInputStream(file)) {
            proto = OnnxMl.ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new StylexException("cannot read classifier " + file + ": " + e.getMessage(), e);
        }
        String names = null;
        String range = null;
        for (OnnxMl.StringStringEntryProto p : proto.getMetadataPropsList()) {
            if ("class_names".equals(p.getKey())) {
                names = p.getValue();
            } else if ("value_range".equals(p.getKey())) {
                range = rangeName(p.getValue());
            }
        }
        NDManager manager = NDManager.newBaseManager("PyTorch");
        try {
            ImportedModel model = OnnxImporter.load(file, manager);
            long[] out = model.outputs().get(0).shape();
            int k = out.length == 2 && out[1] > 0 ? (int) out[1] : names == null ? -1 : names.split(",").length;
            if (k < 2) {
                throw new StylexException("classifier " + file + " does not declare its number of classes (output "
                        + Arrays.toString(out) + ", no class_names metadata)");
            }
            List<String> cls = new ArrayList<>();
            if (names != null && names.split(",").length == k) {
                cls.addAll(Arrays.asList(names.split(",")));
            } else {
                for (int i = 0; i < k; i++) {
                    cls.add("class" + i);
                }
            }
            return new OnnxFrozenClassifier(file, manager, model, List.copyOf(cls), range);
        } catch (OnnxImportException e) {
            manager.close();
            throw new StylexException(e.getMessage(), e);
        } catch (StylexException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static String rangeName(String v) {
        String s = v.replace(" ", "");
        if (s.equals("-1,1")) {
            return "signed";
        }
        if (s.equals("0,1")) {
            return "unit";
        }
        return null;
    }

    /** Returns "signed" or "unit" as declared by the model's {@code value_range} metadata, or null. */
    public String valueRange() {
        return valueRange;
    }

    @Override
    public int classes() {
        return classNames.size();
    }

    @Override
    public NDArray logits(NDArray images) {
        return model.forward(images);
    }

    @Override
    public Path onnxFile() {
        return file;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
