package org.stylexaudit.audit;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Progress;
import org.stylexaudit.engine.BundleException;
import org.stylexaudit.engine.BundleManifest;
import org.stylexaudit.engine.EngineException;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.engine.ImageTensors;
import org.stylexaudit.store.InstanceStore;
import org.stylexaudit.store.StoreException;
import org.stylexaudit.store.Workspace;

/**
 * Classifies every accepted image that the bundle's classifier has not seen yet and stores the predictions. Work
 * is committed per batch, so a killed run loses at most one batch, which the next run classifies again.
 */
final class Classification {

    /** Images per classifier call and per committed transaction. */
    static final int BATCH = 32;

    private final Workspace ws;
    private final EngineSession session;
    private final String classifierSha;

    Classification(Workspace ws, EngineSession session) {
        this.ws = ws;
        this.session = session;
        this.classifierSha = classifierSha(session.bundle().manifest());
    }

    static String classifierSha(BundleManifest m) {
        return m.files().get(BundleManifest.CLASSIFIER);
    }

    /** Returns the accepted instances this classifier has not classified yet, oldest first. */
    static List<InstanceStore.Instance> pending(Workspace ws, String classifierSha) throws StoreException {
        Set<Long> done = new Predictions(ws.connection()).classifiedIds(classifierSha);
        return ws.instances().accepted().stream().filter(i -> !done.contains(i.id())).toList();
    }

    /** Classifies {@code todo} and returns how many images were stored. */
    int run(List<InstanceStore.Instance> todo, long auditRunId, Progress progress) throws AuditException {
        ImageTensors tensors = ImageTensors.of(session.bundle().manifest());
        boolean logits = "logits".equalsIgnoreCase(session.bundle().manifest().classifierOutput());
        Predictions store = new Predictions(ws.connection());
        progress.start("classifying " + todo.size() + " images", todo.size());
        int done = 0;
        try {
            for (int from = 0; from < todo.size(); from += BATCH) {
                List<InstanceStore.Instance> batch = todo.subList(from, Math.min(todo.size(), from + BATCH));
                float[][] x = new float[batch.size()][];
                for (int i = 0; i < x.length; i++) {
                    x[i] = tensors.toTensor(read(batch.get(i)));
                }
                float[][] out = session.classify(x);
                List<Predictions.Prediction> rows = new ArrayList<>();
                for (int i = 0; i < out.length; i++) {
                    rows.add(prediction(batch.get(i), out[i], logits));
                }
                store.save(classifierSha, auditRunId, rows);
                done += batch.size();
                progress.advance(done, "");
            }
        } catch (EngineException | BundleException e) {
            throw new AuditException("classification failed: " + e.getMessage(), e);
        } catch (StoreException e) {
            throw new AuditException(e.getMessage(), e);
        } finally {
            progress.finish();
        }
        return done;
    }

    private static Predictions.Prediction prediction(InstanceStore.Instance inst, float[] out, boolean logits) {
        double[] p = new double[out.length];
        double max = Double.NEGATIVE_INFINITY;
        for (float v : out) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            // Softmax shifted by the maximum so large logits cannot overflow exp.
            p[i] = logits ? Math.exp(out[i] - max) : out[i];
            sum += p[i];
        }
        List<Double> probs = new ArrayList<>();
        int best = 0;
        for (int i = 0; i < p.length; i++) {
            double v = logits ? p[i] / sum : p[i];
            // Rounded so the stored text is short and identical across re-runs of the same batch.
            probs.add(Math.round(v * 1e6) / 1e6);
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return new Predictions.Prediction(inst.id(), inst.imageKey(), best, probs);
    }

    private BufferedImage read(InstanceStore.Instance inst) throws AuditException {
        if (inst.cachePath() == null) {
            throw new AuditException("image " + inst.imageKey() + " has no cached PNG; re-run ingest");
        }
        Path file = ws.dir().resolve(inst.cachePath());
        try {
            BufferedImage img = Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
            if (img == null) {
                throw new AuditException("cached image " + inst.cachePath() + " is missing or unreadable; "
                        + "re-run the audit to ingest it again");
            }
            return img;
        } catch (IOException e) {
            throw new AuditException("cannot read cached image " + inst.cachePath() + ": " + e.getMessage(), e);
        }
    }
}
