package org.stylexaudit.synth;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.stylexaudit.common.Progress;

/**
 * Runs the generator: plans every image (patients, visits, factors, labels, cameras, identifiers) from the master
 * seed before drawing anything, then renders and writes each image and finally {@code ground-truth.csv}.
 *
 * <pre>{@code
 * SynthResult r = new SynthGenerator(SynthConfig.defaults(48, 1)).generate(Path.of("sample-studies"),
 *         Progress.NONE);
 * }</pre>
 */
public final class SynthGenerator {

    /** Share of archive visits exported as PNG, and again as JPEG, instead of DICOM. */
    static final double EXPORT_SHARE = 0.1;

    private final SynthConfig config;
    private final FactorSampler sampler;
    private final FundusRenderer renderer = new FundusRenderer();

    /** Creates a generator for one configuration. */
    public SynthGenerator(SynthConfig config) {
        this.config = config;
        this.sampler = new FactorSampler(config.shortcutStrength(), config.labelNoise());
    }

    /** Plans every image without rendering or writing anything; deterministic for the configuration. */
    public List<GroundTruthRow> plan() {
        SplittableRandom master = new SplittableRandom(config.seed());
        List<GroundTruthRow> rows = new ArrayList<>(config.count());
        Set<String> patientIds = new HashSet<>();
        int patientNo = 0;
        while (rows.size() < config.count()) {
            SplittableRandom rnd = master.split();
            patientNo++;
            Patient patient = FakePatients.next(rnd);
            while (!patientIds.add(patient.id())) {
                patient = FakePatients.next(rnd);
            }
            String split = split(rnd);
            FactorSampler.PatientTraits traits = sampler.patient(rnd);
            if (config.format() == OutputFormat.PNG) {
                Laterality lat = rnd.nextBoolean() ? Laterality.RIGHT : Laterality.LEFT;
                addVisit(rows, rnd, patient, split, traits, List.of(lat), LocalDate.of(2023, 1, 2)
                        .plusDays(rnd.nextInt(700)), patientNo, 1);
            } else {
                int visits = 1 + rnd.nextInt(3);
                LocalDate date = LocalDate.of(2018, 1, 8).plusDays(rnd.nextInt(1500));
                for (int v = 1; v <= visits && rows.size() < config.count(); v++) {
                    addVisit(rows, rnd, patient, split, traits, List.of(Laterality.RIGHT, Laterality.LEFT), date,
                            patientNo, v);
                    date = date.plusDays(120 + rnd.nextInt(300));
                    if (rnd.nextDouble() < 0.3) {
                        traits = worsen(traits);
                    }
                }
            }
        }
        return rows;
    }

    /** Plans, renders and writes everything into {@code out} (created if needed) on one thread; returns counts. */
    public SynthResult generate(Path out, Progress progress) throws SynthException {
        return generate(out, progress, 1);
    }

    /**
     * Plans, renders and writes everything into {@code out} with {@code threads} worker threads. The output does
     * not depend on the thread count: every seed is drawn while planning, and rendering is a pure function of a row.
     */
    public SynthResult generate(Path out, Progress progress, int threads) throws SynthException {
        if (threads < 1) {
            throw new IllegalArgumentException("expected at least 1 thread, got " + threads);
        }
        List<GroundTruthRow> rows = plan();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new SynthException("cannot create output folder " + out + ": " + e.getMessage(), e);
        }
        progress.start("synth", rows.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>(rows.size());
            for (GroundTruthRow row : rows) {
                jobs.add(pool.submit(() -> {
                    ImageFiles.write(out.resolve(row.file()), row, renderer.render(row.factors(), row.resolution()));
                    return null;
                }));
            }
            for (int i = 0; i < jobs.size(); i++) {
                await(jobs.get(i));
                progress.advance(i + 1, rows.get(i).file());
            }
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
        Path csv = out.resolve(GroundTruth.FILE_NAME);
        try {
            GroundTruth.write(csv, rows);
            Provenance.write(out.resolve(Provenance.FILE_NAME), config, csv);
        } catch (IOException e) {
            throw new SynthException("cannot write " + csv + ": " + e.getMessage(), e);
        }
        return SynthResult.of(out, csv, rows);
    }

    private static void await(Future<?> job) throws SynthException {
        try {
            job.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SynthException("interrupted while writing images", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SynthException se) {
                throw se;
            }
            throw new SynthException("rendering failed: " + e.getCause(), e.getCause());
        }
    }

    /** Renders the image of one planned row. */
    public BufferedImage render(GroundTruthRow row) {
        return renderer.render(row.factors(), row.resolution());
    }

    private void addVisit(List<GroundTruthRow> rows, SplittableRandom rnd, Patient patient, String split,
            FactorSampler.PatientTraits traits, List<Laterality> eyes, LocalDate date, int patientNo, int visit) {
        List<FactorSampler.Eye> drawn = new ArrayList<>();
        boolean anyReferable = false;
        for (Laterality lat : eyes) {
            FactorSampler.Eye e = sampler.eye(rnd, traits, lat);
            drawn.add(e);
            anyReferable |= e.referable();
        }
        // One camera per visit: both eyes are photographed on the same device, so the shortcut follows the visit.
        CameraModel camera = sampler.camera(rnd, anyReferable);
        String format = "png";
        if (config.format() == OutputFormat.ARCHIVE) {
            double u = rnd.nextDouble();
            format = u < EXPORT_SHARE ? "png" : u < 2 * EXPORT_SHARE ? "jpeg" : "dicom";
        }
        String accession = String.format("A%08d", rnd.nextInt(100_000_000));
        String studyUid = FakePatients.uid(rnd);
        for (FactorSampler.Eye e : drawn) {
            if (rows.size() >= config.count()) {
                return;
            }
            FundusFactors f = sampler.acquire(rnd, e, camera);
            String imageId = String.format("img%06d", rows.size() + 1);
            String seriesUid = FakePatients.uid(rnd);
            String sopUid = FakePatients.uid(rnd);
            String file = path(format, imageId, patient, date, accession, e.laterality());
            rows.add(new GroundTruthRow(imageId, file, format, split, e.referable(), e.labelFlipped(), e.grade(),
                    patient, date, accession, studyUid, seriesUid, sopUid, config.resolution(), f));
        }
    }

    private String path(String format, String imageId, Patient p, LocalDate date, String accession,
            Laterality lat) {
        if (config.format() == OutputFormat.PNG) {
            return "images/" + imageId + ".png";
        }
        String day = date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        return switch (format) {
            case "dicom" -> "patients/" + p.id() + "/" + day + "-" + accession + "/" + seriesNumber(lat) + "-"
                    + lat.clinicalCode() + "/IM1.dcm";
            // Exports carry the patient's name in the file name, as camera workstations often do: a PHI trap.
            case "png" -> "exports/" + p.familyName() + "_" + p.givenName() + "_" + p.id() + "_" + day + "_"
                    + lat.clinicalCode() + ".png";
            default -> "exports/" + p.familyName() + "_" + p.givenName() + "_" + p.id() + "_" + day + "_"
                    + lat.clinicalCode() + ".jpg";
        };
    }

    static int seriesNumber(Laterality lat) {
        return lat == Laterality.RIGHT ? 1 : 2;
    }

    private static String split(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        return u < 0.7 ? "train" : u < 0.85 ? "validation" : "test";
    }

    private static FactorSampler.PatientTraits worsen(FactorSampler.PatientTraits t) {
        return new FactorSampler.PatientTraits(Math.min(4, t.grade() + 1), t.pigmentation(), t.cupToDisc(),
                t.vesselCalibre(), t.tortuosity(), t.texture());
    }
}
