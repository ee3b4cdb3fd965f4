package org.stylexaudit.train.stylex;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.stylexaudit.common.Digests;
import org.stylexaudit.common.Progress;

/**
 * Trains the StylEx networks (encoder, style affines, synthesis, mapping, conditional discriminator) against a
 * frozen classifier, writing atomic checkpoints to a work folder and resuming from them bit for bit.
 *
 * <pre>{@code
 * try (StylexTrainer t = new StylexTrainer(cfg, classifier, data, Path.of("bundle-training"))) {
 *     TrainingRecord rec = t.train(true, progress);
 *     new StylexExporter(t).export(Path.of("bundle"), progress);
 * }
 * }</pre>
 *
 * <p>Each step is one discriminator update (non-saturating logistic loss, lazy R1 on reals) followed by one
 * generator/encoder update. Steps alternate between encoder batches (reconstruct x through E, styles, G; losses:
 * pixel L1, Laplacian-pyramid L1, w reconstruction, KL through the classifier, adversarial) and noise batches
 * (z through mapping, styles, G, conditioned on the classifier output of a shuffled real batch; losses: KL,
 * w reconstruction, adversarial). The first {@code warmupSteps} steps are encoder batches without adversary.
 * All randomness is a function of the seed and the step number, so the checkpoint needs no RNG state.
 */
public final class StylexTrainer implements AutoCloseable {

    /** File name of the checkpoint inside the work folder. */
    public static final String CHECKPOINT = "checkpoint.bin";
    /** File name of the training log inside the work folder (not *.log, which the repository ignores). */
    public static final String LOG = "train-log.txt";

    private final StylexConfig cfg;
    private final FrozenClassifier classifier;
    private final TrainingData data;
    private final Path workDir;
    private final String classifierDigest;
    private final Engine engine;
    private final NDManager root;
    private final Ctx.Constants constants;
    final Encoder encoder;
    /** Standardizes E's output, or null when {@link StylexConfig#wNorm()} is "none". */
    final WStandardizer wNorm;
    static final int CALIBRATION_IMAGES = 256;
    private static final int CALIBRATION_CHUNK = 64;
    final Synthesis synthesis;
    final Styles styles;
    final Mapping mapping;
    final Discriminator discriminator;
    final Nets live;
    final Nets ema;
    private final ParamSet disc;
    private final Adam adamE;
    private final Adam adamS;
    private final Adam adamG;
    private final Adam adamM;
    private final Adam adamD;
    private long step;
    private double seconds;
    private final List<LossPoint> history = new ArrayList<>();

    /** Holds one complete set of generator-side parameters (live or moving average). */
    record Nets(ParamSet encoder, ParamSet styles, ParamSet synthesis, ParamSet mapping) {
        List<ParamSet> all() {
            return List.of(encoder, styles, synthesis, mapping);
        }
    }

    /** Builds the networks from the seed; nothing is trained until {@link #train} is called. */
    public StylexTrainer(StylexConfig cfg, FrozenClassifier classifier, TrainingData data, Path workDir)
            throws StylexException {
        if (data.resolution() != cfg.resolution()) {
            throw new IllegalArgumentException("data resolution " + data.resolution() + " differs from config "
                    + cfg.resolution());
        }
        this.cfg = cfg;
        this.classifier = classifier;
        this.data = data;
        this.workDir = workDir;
        try {
            this.classifierDigest = Digests.sha256Hex(classifier.onnxFile());
        } catch (IOException e) {
            throw new StylexException("cannot read classifier " + classifier.onnxFile() + ": " + e.getMessage(), e);
        }
        this.engine = Engine.getEngine("PyTorch");
        java.util.Optional<String> fault = org.stylexaudit.train.nn.ConvGradientCheck.fault();
        if (fault.isPresent()) {
            throw new StylexException(fault.get());
        }
        this.root = engine.newBaseManager();
        this.constants = Ctx.constants(root);
        int k = classifier.classes();
        encoder = new Encoder(cfg);
        wNorm = "batch".equals(cfg.wNorm()) ? new WStandardizer(cfg.wDim(), root) : null;
        synthesis = new Synthesis(cfg);
        styles = new Styles(cfg, k, synthesis.affineSize());
        mapping = new Mapping(cfg);
        discriminator = new Discriminator(cfg, k);
        long seed = cfg.seed();
        live = new Nets(encoder.init(root, seed), styles.init(root, seed), synthesis.init(root, seed),
                mapping.init(root, seed));
        disc = discriminator.init(root, seed);
        ema = new Nets(live.encoder().copy("encoder", root, false), live.styles().copy("styles", root, false),
                live.synthesis().copy("synthesis", root, false), live.mapping().copy("mapping", root, false));
        adamE = adam(live.encoder(), cfg.lrEncoder());
        adamS = adam(live.styles(), cfg.lrStyles());
        adamG = adam(live.synthesis(), cfg.lrSynthesis());
        adamM = adam(live.mapping(), cfg.lrMapping());
        adamD = adam(disc, cfg.lrDiscriminator());
        setTrainable(false, false, false, false, false);
    }

    private Adam adam(ParamSet p, float lr) {
        return new Adam(p, root, lr, cfg.beta1(), cfg.beta2(), cfg.adamEps());
    }

    /** Returns the configuration. */
    public StylexConfig config() {
        return cfg;
    }

    /** Returns the classifier being explained. */
    public FrozenClassifier classifier() {
        return classifier;
    }

    /** Returns the training data. */
    public TrainingData data() {
        return data;
    }

    /** Returns the steps trained so far. */
    public long step() {
        return step;
    }

    /** Returns the parameter count of each network. */
    public Map<String, Long> parameterCounts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (ParamSet p : live.all()) {
            m.put(p.net(), p.size());
        }
        m.put(disc.net(), disc.size());
        return m;
    }

    /** Returns the style layout of the synthesis network. */
    public List<StyleLayer> styleLayout() {
        return synthesis.layout();
    }

    /** Returns the record of the training so far. */
    public TrainingRecord record() {
        return new TrainingRecord(cfg, data.digest(), classifierDigest, step, seconds, data.trainCount(),
                data.heldOutCount(), List.copyOf(history));
    }

    /**
     * Trains until {@code config.steps()}, checkpointing every {@code checkpointMinutes} and at the end.
     * With {@code resume}, continues from the work folder's checkpoint when there is one; without it, refuses to
     * overwrite an existing checkpoint.
     */
    public TrainingRecord train(boolean resume, Progress progress) throws StylexException {
        return train(resume, null, progress);
    }

    /**
     * Trains as {@link #train(boolean, Progress)}; when the work folder holds no checkpoint and {@code warmStart} is
     * given, starts from that checkpoint's networks, optimizer state, step and loss history instead of random
     * weights, under this trainer's (possibly changed) hyper-parameters. The change is written to the training log.
     */
    public TrainingRecord train(boolean resume, Path warmStart, Progress progress) throws StylexException {
        Path ckpt = workDir.resolve(CHECKPOINT);
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new StylexException("cannot create work folder " + workDir + ": " + e.getMessage(), e);
        }
        if (Files.exists(ckpt)) {
            if (!resume) {
                throw new StylexException("a checkpoint exists at " + ckpt + "; pass --resume to continue it or "
                        + "remove it to start over");
            }
            Checkpoints.read(this, ckpt);
            log("resumed from " + ckpt + " at step " + step);
        } else if (warmStart != null) {
            StylexConfig before = Checkpoints.read(this, warmStart, true);
            log("warm start from " + warmStart + " at step " + step + "; changed: " + cfg.differencesFrom(before)
                    + "; now: " + cfg);
            // The run now lives in its own work folder: --resume continues it, never the source checkpoint.
            Checkpoints.write(this, ckpt);
        } else {
            log("started: " + cfg + ", data " + data.digest() + " (" + data.trainCount() + " train, "
                    + data.heldOutCount() + " held out), classifier " + classifierDigest);
        }
        progress.start("train stylex", cfg.steps());
        Map<String, double[]> acc = new LinkedHashMap<>();
        long sessionStart = System.nanoTime();
        long lastCkpt = sessionStart;
        long sessionStartStep = step;
        while (step < cfg.steps()) {
            long t0 = System.nanoTime();
            Map<String, Float> losses = trainStep(step);
            step++;
            seconds += (System.nanoTime() - t0) / 1e9;
            for (Map.Entry<String, Float> e : losses.entrySet()) {
                if (!Float.isFinite(e.getValue())) {
                    throw new StylexException("loss " + e.getKey() + " became " + e.getValue() + " at step " + step
                            + "; the last checkpoint is kept");
                }
                double[] a = acc.computeIfAbsent(e.getKey(), k -> new double[2]);
                a[0] += e.getValue();
                a[1]++;
            }
            boolean last = step == cfg.steps();
            if (step % cfg.logEvery() == 0 || last) {
                Map<String, Double> means = new LinkedHashMap<>();
                acc.forEach((k, a) -> means.put(k, a[0] / a[1]));
                acc.clear();
                if (step % cfg.evalEvery() == 0 || last) {
                    means.put("psnr", heldOutPsnr());
                }
                LossPoint pt = new LossPoint(step, seconds, means);
                history.add(pt);
                double rate = (step - sessionStartStep) / ((System.nanoTime() - sessionStart) / 1e9);
                String line = describe(pt, rate);
                log(line);
                progress.advance(step, line);
            }
            if (last || (System.nanoTime() - lastCkpt) / 6e10 >= cfg.checkpointMinutes()) {
                Checkpoints.write(this, ckpt);
                lastCkpt = System.nanoTime();
                log("checkpoint written at step " + step);
            }
        }
        progress.finish();
        return record();
    }

    private String describe(LossPoint pt, double rate) {
        StringBuilder sb = new StringBuilder();
        sb.append("step ").append(pt.step()).append('/').append(cfg.steps());
        pt.values().forEach((k, v) -> sb.append(' ').append(k).append('=').append(fmt(v)));
        double eta = rate > 0 ? (cfg.steps() - pt.step()) / rate : Double.NaN;
        sb.append(String.format(Locale.ROOT, " %.2f steps/s ETA %s", rate, duration(eta)));
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.2f" : "%.4f", v);
    }

    static String duration(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
    }

    void log(String line) {
        try (Writer w = Files.newBufferedWriter(workDir.resolve(LOG), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(Instant.now() + " " + line + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training log in " + workDir, e);
        }
    }

    // ---------------------------------------------------------------- one step

    /** Runs one training step at step number {@code t} without logging or checkpointing (for benchmarks). */
    Map<String, Float> stepOnce(long t) {
        return trainStep(t);
    }

    /** Returns the forward FLOPs counted so far (see {@link Ctx.Constants#forwardFlops()}). */
    long forwardFlops() {
        return constants.forwardFlops();
    }

    /** Returns the forward FLOPs counted so far of passes no backward follows. */
    long forwardOnlyFlops() {
        return constants.forwardOnlyFlops();
    }

    private Map<String, Float> trainStep(long t) {
        boolean warm = t < cfg.warmupSteps();
        boolean noise = !warm && t % cfg.noiseEvery() == cfg.noiseEvery() - 1;
        int b = cfg.batch();
        int r = cfg.resolution();
        Map<String, Float> out = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + t);
        float[] z = noise ? gaussian(rng, b * cfg.zDim()) : null;
        int[] perm = noise ? permutation(rng, b) : null;
        try (NDManager sm = root.newSubManager()) {
            Ctx ctx = constants.on(sm);
            NDArray x = sm.create(data.batch(t, b, cfg.seed()), new Shape(b, 3, r, r));
            NDArray logp = classify(ctx, x).logSoftmax(1).stopGradient();
            NDArray p = logp.exp();
            NDArray cond = noise ? permuteRows(sm, p, perm) : p;
            NDArray condLog = noise ? permuteRows(sm, logp, perm) : logp;
            if (!warm) {
                discriminatorStep(ctx, x, p, cond, noise, z, t, out);
            }
            setTrainable(true, true, true, noise, false);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray loss = noise ? noiseLoss(ctx, z, cond, condLog, warm, out)
                        : encoderLoss(ctx, x, p, logp, warm, out);
                gc.backward(loss);
                out.put("g_total", loss.getFloat());
            }
            adamE.step();
            adamS.step();
            adamG.step();
            if (noise) {
                adamM.step();
            }
            updateEma(t);
        }
        return out;
    }

    private void discriminatorStep(Ctx ctx, NDArray x, NDArray p, NDArray cond, boolean noise, float[] z, long t,
            Map<String, Float> out) {
        setTrainable(false, false, false, false, true);
        try (GradientCollector gc = engine.newGradientCollector()) {
            Ctx detached = ctx.withoutBackward();
            NDArray fake = (noise ? generateFromNoise(detached, live, z, cond) : reconstruct(detached, live, x, p))
                    .stopGradient();
            NDArray cf = noise ? cond : p;
            NDArray lossFake = Activation.softPlus(discriminator.forward(ctx, disc, fake, cf)).mean();
            NDArray lossReal = Activation.softPlus(discriminator.forward(ctx, disc, x, p).neg()).mean();
            NDArray loss = lossFake.add(lossReal);
            if (t % cfg.r1Interval() == 0) {
                NDArray r1 = discriminator.r1(ctx, disc, x, p);
                loss = loss.add(r1.mul(ctx.c(cfg.r1Gamma() / 2f * cfg.r1Interval())));
                out.put("r1", r1.getFloat());
            }
            gc.backward(loss);
            out.put("d_real", lossReal.getFloat());
            out.put("d_fake", lossFake.getFloat());
        }
        adamD.step();
    }

    private NDArray encoderLoss(Ctx ctx, NDArray x, NDArray p, NDArray logp, boolean warm, Map<String, Float> out) {
        Latent lat = latent(ctx, live, x);
        NDArray w = lat.w();
        NDArray xr = generate(ctx, live, lat, p);
        NDArray diff = xr.sub(x);
        NDArray l1 = diff.abs().mean();
        NDArray pyr = Losses.pyramidL1(ctx, diff);
        NDArray kl = Losses.kl(p, logp, classify(ctx, xr));
        NDArray wr = wRec(ctx, encode(ctx, live, xr), w.stopGradient(), w);
        NDArray loss = l1.mul(ctx.c(cfg.recL1Weight())).add(pyr.mul(ctx.c(cfg.recPyramidWeight())))
                .add(kl.mul(ctx.c(cfg.klWeight()))).add(wr.mul(ctx.c(cfg.wRecWeight())));
        out.put("rec_l1", l1.getFloat());
        out.put("rec_pyr", pyr.getFloat());
        out.put("kl", kl.getFloat());
        out.put("w_rec", wr.getFloat());
        // The texture and tail terms compare the same two pyramids: build them once per step.
        List<NDArray> px = cfg.textureWeight() > 0 || cfg.tailWeight() > 0 ? Losses.pyramid(x) : null;
        List<NDArray> pr = px == null ? null : Losses.pyramid(xr);
        if (cfg.textureWeight() > 0) {
            NDArray tex = Losses.textureL1(ctx, px, pr, cfg.texturePeakPower());
            loss = loss.add(tex.mul(ctx.c(cfg.textureWeight())));
            out.put("rec_tex", tex.getFloat());
        }
        if (cfg.tailWeight() > 0) {
            NDArray tail = Losses.tailL1(ctx, px, pr, cfg.tailTiles(), cfg.tailOpponent());
            loss = loss.add(tail.mul(ctx.c(cfg.tailWeight())));
            out.put("rec_tail", tail.getFloat());
        }
        if (!warm) {
            NDArray adv = Activation.softPlus(discriminator.forward(ctx, disc, xr, p).neg()).mean();
            loss = loss.add(adv.mul(ctx.c(cfg.advWeight())));
            out.put("g_adv", adv.getFloat());
        }
        return loss;
    }

    private NDArray noiseLoss(Ctx ctx, float[] z, NDArray cond, NDArray condLog, boolean warm,
            Map<String, Float> out) {
        NDArray zt = ctx.manager().create(z, new Shape(cfg.batch(), cfg.zDim()));
        NDArray w = mapping.forward(ctx, live.mapping(), zt);
        NDArray xf = generate(ctx, live, w, cond);
        NDArray kl = Losses.kl(cond, condLog, classify(ctx, xf));
        NDArray target = w.stopGradient();
        NDArray wr = wRec(ctx, encode(ctx, live, xf), target, target);
        NDArray adv = Activation.softPlus(discriminator.forward(ctx, disc, xf, cond).neg()).mean();
        out.put("noise_kl", kl.getFloat());
        out.put("noise_w_rec", wr.getFloat());
        out.put("noise_adv", adv.getFloat());
        return kl.mul(ctx.c(cfg.klWeight())).add(wr.mul(ctx.c(cfg.wRecWeight())))
                .add(adv.mul(ctx.c(cfg.advWeight())));
    }

    /**
     * Returns the w reconstruction loss of {@code got} against {@code target}. In the "relative" form the L1 error
     * is divided by the batch's mean absolute deviation of {@code spread}; on encoder batches that is the live
     * E(x), so an encoder cannot lower the loss by shrinking its outputs towards one point (the plain L1 rewarded
     * exactly that: docs/training.md, "Why the reconstructions look alike").
     */
    private NDArray wRec(Ctx ctx, NDArray got, NDArray target, NDArray spread) {
        NDArray l1 = got.sub(target).abs().mean();
        if (!"relative".equals(cfg.wRecLoss())) {
            return l1;
        }
        NDArray dev = spread.sub(spread.mean(new int[] {0}, true)).abs().mean();
        return l1.div(dev.add(ctx.c(1e-4f)));
    }

    // ---------------------------------------------------------------- helpers shared with export and fidelity

    /** Returns classifier logits for images in [-1,1], converting to the classifier's range. */
    NDArray classify(Ctx ctx, NDArray x) {
        return ctx.own(classifier.logits(toBundleRange(ctx, x)));
    }

    /** Converts images from the networks' [-1,1] to the bundle's value range (the classifier's). */
    NDArray toBundleRange(Ctx ctx, NDArray x) {
        return "unit".equals(cfg.classifierInput()) ? x.add(ctx.c(1f)).mul(ctx.c(0.5f)) : x;
    }

    /** Returns G(styles(E(x), p)) with the given networks. */
    NDArray reconstruct(Ctx ctx, Nets n, NDArray x, NDArray p) {
        return generate(ctx, n, latent(ctx, n, x), p);
    }

    /**
     * Returns E(x) with the given networks, standardized as {@link StylexConfig#wNorm()} says: the live networks
     * use the batch's statistics, the moving-average networks the statistics last measured by {@link #calibrate()},
     * as the exported encoder does.
     */
    NDArray encode(Ctx ctx, Nets n, NDArray x) {
        return latent(ctx, n, x).w();
    }

    /** Returns E(x) as {@link #encode} does, with the spatial code when there is one. */
    Latent latent(Ctx ctx, Nets n, NDArray x) {
        Latent h = encoder.forward(ctx, n.encoder(), x);
        if (wNorm == null) {
            return h;
        }
        return new Latent(n == live ? wNorm.batch(ctx, h.w()) : wNorm.running(ctx, h.w()), h.code());
    }

    /**
     * Returns G(styles(w, c)) with the given networks for a w without spatial code (a mapped one): the code, when
     * the networks have one, is zero, as mapping.onnx writes it.
     */
    NDArray generate(Ctx ctx, Nets n, NDArray w, NDArray c) {
        return generate(ctx, n, mapped(ctx, w), c);
    }

    /** Returns a mapped w as a latent: with a zero spatial code when the networks have one, as mapping.onnx. */
    Latent mapped(Ctx ctx, NDArray w) {
        NDArray code = cfg.codeSize() == 0 ? null : ctx.manager().zeros(new Shape(w.getShape().get(0), cfg.codeSize()));
        return new Latent(w, code);
    }

    /** Returns G(styles(E, c)) with the given networks: the one image path of encoder and noise batches alike. */
    NDArray generate(Ctx ctx, Nets n, Latent latent, NDArray c) {
        return synthesis.forward(ctx, n.synthesis(), styles.forward(ctx, n.styles(), latent, c));
    }

    NDArray generateFromNoise(Ctx ctx, Nets n, float[] z, NDArray cond) {
        NDArray zt = ctx.manager().create(z, new Shape(cond.getShape().get(0), cfg.zDim()));
        return generate(ctx, n, mapping.forward(ctx, n.mapping(), zt), cond);
    }

    /** Runs {@code body} with a fresh step context; the context's arrays are freed afterwards. */
    <T> T withContext(java.util.function.Function<Ctx, T> body) {
        try (NDManager sm = root.newSubManager()) {
            return body.apply(constants.on(sm));
        }
    }

    /**
     * Measures the w statistics of the moving-average encoder on the first {@value #CALIBRATION_IMAGES} training
     * images (fewer if there are fewer), so that the moving-average networks and the exported encoder standardize
     * w as training did; nothing to do when {@link StylexConfig#wNorm()} is "none".
     */
    void calibrate() {
        if (wNorm == null) {
            return;
        }
        int n = Math.min(CALIBRATION_IMAGES, data.trainCount());
        int r = cfg.resolution();
        withContext(ctx -> {
            NDList raw = new NDList();
            for (int from = 0; from < n; from += CALIBRATION_CHUNK) {
                int count = Math.min(CALIBRATION_CHUNK, n - from);
                NDArray x = ctx.manager().create(data.trainImages(from, count), new Shape(count, 3, r, r));
                raw.add(encoder.forward(ctx.withoutBackward(), ema.encoder(), x).w());
            }
            wNorm.fit(NDArrays.concat(raw));
            return null;
        });
    }

    /** Returns mean PSNR (dB, images in [0,1]) of EMA reconstructions of the first held-out images. */
    double heldOutPsnr() {
        calibrate();
        int n = Math.min(cfg.evalImages(), data.heldOutCount());
        int r = cfg.resolution();
        return withContext(ctx -> {
            NDArray x = ctx.manager().create(data.heldOut(0, n), new Shape(n, 3, r, r));
            NDArray p = classify(ctx, x).softmax(1);
            NDArray xr = reconstruct(ctx, ema, x, p).clip(-1f, 1f);
            float[] mse = xr.sub(x).mul(ctx.c(0.5f)).square().reshape(n, -1).mean(new int[] {1}).toFloatArray();
            double s = 0;
            for (float m : mse) {
                s += 10 * Math.log10(1.0 / Math.max(m, 1e-10));
            }
            return s / n;
        });
    }

    private void updateEma(long t) {
        double images = (t + 1) * (double) cfg.batch();
        // Ramp the half-life up from zero so the average does not remember the random initial weights.
        double halfLife = Math.min(cfg.emaHalfLifeImages(), images * 0.1);
        float beta = (float) Math.pow(0.5, cfg.batch() / Math.max(halfLife, 1e-8));
        for (int i = 0; i < 4; i++) {
            ParamSet src = live.all().get(i);
            ParamSet dst = ema.all().get(i);
            try (NDManager tmp = root.newSubManager()) {
                for (Map.Entry<String, NDArray> e : src.values().entrySet()) {
                    NDArray part = e.getValue().mul(1f - beta);
                    part.attach(tmp);
                    dst.get(e.getKey()).muli(beta).addi(part);
                }
            }
        }
    }

    private void setTrainable(boolean e, boolean s, boolean g, boolean m, boolean d) {
        live.encoder().setTrainable(e);
        live.styles().setTrainable(s);
        live.synthesis().setTrainable(g);
        live.mapping().setTrainable(m);
        disc.setTrainable(d);
    }

    private static NDArray permuteRows(NDManager sm, NDArray a, int[] perm) {
        long cols = a.getShape().get(1);
        float[] v = a.toFloatArray();
        float[] o = new float[v.length];
        for (int i = 0; i < perm.length; i++) {
            System.arraycopy(v, (int) (perm[i] * cols), o, (int) (i * cols), (int) cols);
        }
        return sm.create(o, a.getShape());
    }

    static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double u1 = 1.0 - r.nextDouble();
            double u2 = r.nextDouble();
            v[i] = (float) (Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return v;
    }

    private static int[] permutation(SplittableRandom r, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }

    // ---------------------------------------------------------------- state for Checkpoints

    List<ParamSet> stateSets() {
        List<ParamSet> l = new ArrayList<>(live.all());
        l.add(disc);
        l.addAll(ema.all());
        if (wNorm != null) {
            l.add(wNorm.stats());
        }
        return l;
    }

    List<Adam> optimizers() {
        return List.of(adamE, adamS, adamG, adamM, adamD);
    }

    void restore(long step, double seconds, List<LossPoint> history) {
        this.step = step;
        this.seconds = seconds;
        this.history.clear();
        this.history.addAll(history);
    }

    String classifierDigest() {
        return classifierDigest;
    }

    Path workDir() {
        return workDir;
    }

    @Override
    public void close() {
        for (Adam a : optimizers()) {
            a.close();
        }
        constants.close();
        root.close();
    }
}
