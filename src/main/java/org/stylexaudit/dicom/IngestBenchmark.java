package org.stylexaudit.dicom;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.stylexaudit.common.Progress;

/**
 * Measures ingest decoding speed: our reader and decoder against dcmtk's {@code dcmj2pnm} run as one process per
 * file, both writing PNGs to a scratch folder, over the same files; after one untimed warm-up round of each,
 * reports the median files per second over the timed rounds.
 *
 * <pre>{@code
 * List<Path> files = IngestBenchmark.generateFiles(dir, 8, Progress.NONE);
 * IngestBenchmark.Result r = new IngestBenchmark(ReadLimits.DEFAULT).run(files, 5, scratch, Progress.NONE);
 * }</pre>
 */
public final class IngestBenchmark {

    /** The dcmtk tool used as the reference: dcm2pnm with the JPEG codecs registered. */
    public static final String DCMTK_TOOL = "dcmj2pnm";
    private static final long TOOL_TIMEOUT_SECONDS = 120;

    private final ReadLimits limits;

    /**
     * Holds the outcome of a benchmark.
     *
     * @param files number of files per repeat
     * @param oursFilesPerSecond median over repeats of our files per second
     * @param dcmtkFilesPerSecond median over repeats of dcmtk's files per second
     * @param oursRuns files per second of every repeat (ours)
     * @param dcmtkRuns files per second of every repeat (dcmtk)
     * @param oursFailures files our decoder refused (in the first repeat)
     * @param dcmtkFailures files dcmtk failed on (in the first repeat)
     */
    public record Result(int files, double oursFilesPerSecond, double dcmtkFilesPerSecond, List<Double> oursRuns,
            List<Double> dcmtkRuns, int oursFailures, int dcmtkFailures) {

        /** Returns how many times faster our decoder is than dcmtk (below 1: slower). */
        public double ratio() {
            return oursFilesPerSecond / dcmtkFilesPerSecond;
        }
    }

    /** Creates a benchmark whose decoder uses the given limits. */
    public IngestBenchmark(ReadLimits limits) {
        this.limits = limits;
    }

    /** Runs {@code repeats} rounds of both decoders over the files, writing PNGs below {@code workDir}. */
    public Result run(List<Path> files, int repeats, Path workDir, Progress progress) throws DicomException {
        if (files.isEmpty() || repeats < 1) {
            throw new IllegalArgumentException("need at least one file and one repeat, got " + files.size() + " files"
                    + " and " + repeats + " repeats");
        }
        List<Double> ours = new ArrayList<>();
        List<Double> dcmtk = new ArrayList<>();
        int oursFailures = 0;
        int dcmtkFailures = 0;
        progress.start("bench ingest", 2L * repeats);
        try {
            // One untimed round of each first: the JIT compiles our decoder and both read the files into the page
            // cache, so the timed rounds compare steady states rather than start-up.
            decodeOurs(files, Files.createDirectories(workDir.resolve("warmup-ours")));
            decodeDcmtk(files, Files.createDirectories(workDir.resolve("warmup-dcmtk")));
            for (int r = 0; r < repeats; r++) {
                Path outOurs = Files.createDirectories(workDir.resolve("ours-" + r));
                Path outDcmtk = Files.createDirectories(workDir.resolve("dcmtk-" + r));
                long t0 = System.nanoTime();
                int failed = decodeOurs(files, outOurs);
                ours.add(files.size() / seconds(t0));
                progress.advance(2L * r + 1, "ours " + String.format("%.1f", ours.get(r)) + " files/s");
                long t1 = System.nanoTime();
                int failedDcmtk = decodeDcmtk(files, outDcmtk);
                dcmtk.add(files.size() / seconds(t1));
                progress.advance(2L * r + 2, "dcmtk " + String.format("%.1f", dcmtk.get(r)) + " files/s");
                if (r == 0) {
                    oursFailures = failed;
                    dcmtkFailures = failedDcmtk;
                }
            }
        } catch (IOException e) {
            throw new DicomException("benchmark scratch folder " + workDir + " is not writable: " + e.getMessage(), e);
        } finally {
            progress.finish();
        }
        return new Result(files.size(), median(ours), median(dcmtk), List.copyOf(ours), List.copyOf(dcmtk),
                oursFailures, dcmtkFailures);
    }

    private int decodeOurs(List<Path> files, Path out) throws IOException {
        DicomReader reader = new DicomReader(limits);
        ImageDecoder decoder = new ImageDecoder(limits);
        int failed = 0;
        int n = 0;
        for (Path f : files) {
            try {
                DicomObject ds = reader.read(f);
                int frames = decoder.frameCount(ds);
                for (int i = 0; i < frames; i++) {
                    ImageIO.write(decoder.decodeFrame(ds, i), "png", out.resolve(n++ + "-" + i + ".png").toFile());
                }
            } catch (DicomException e) {
                failed++;
            }
        }
        return failed;
    }

    private static int decodeDcmtk(List<Path> files, Path out) throws IOException, DicomException {
        int failed = 0;
        int n = 0;
        for (Path f : files) {
            Path png = out.resolve(n++ + ".png");
            if (runTool(List.of(DCMTK_TOOL, "+on", "+Fa", f.toString(), png.toString())) != 0) {
                failed++;
            }
        }
        return failed;
    }

    /**
     * Generates {@code count} synthetic fundus-like images and turns each into three DICOM files with dcmtk:
     * JPEG baseline ({@code img2dcm} from a JPEG), explicit VR little endian ({@code dcmdjpeg}) and RLE
     * ({@code dcmcrle}). Every other image is greyscale (MONOCHROME2). Returns the DICOM files.
     */
    public static List<Path> generateFiles(Path dir, int count, int size, Progress progress) throws DicomException {
        List<Path> files = new ArrayList<>();
        Random random = new Random(20211011L); // fixed seed: the same bench set on every run
        progress.start("generate bench files", count);
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < count; i++) {
                BufferedImage img = fundusLike(size, random, i % 2 == 1);
                Path jpg = dir.resolve(String.format("img%02d.jpg", i));
                ImageIO.write(img, "jpeg", jpg.toFile());
                Path baseline = dir.resolve(String.format("img%02d-jpeg.dcm", i));
                Path plain = dir.resolve(String.format("img%02d-evrle.dcm", i));
                Path rle = dir.resolve(String.format("img%02d-rle.dcm", i));
                mustRun(List.of("img2dcm", "-q", jpg.toString(), baseline.toString()));
                mustRun(List.of("dcmdjpeg", "-q", baseline.toString(), plain.toString()));
                mustRun(List.of("dcmcrle", "-q", plain.toString(), rle.toString()));
                Files.delete(jpg);
                files.addAll(List.of(baseline, plain, rle));
                progress.advance(i + 1, baseline.getFileName().toString());
            }
        } catch (IOException e) {
            throw new DicomException("cannot write bench files to " + dir + ": " + e.getMessage(), e);
        } finally {
            progress.finish();
        }
        return files;
    }

    /** Draws a fundus-like picture: dark background, orange disc with a bright optic disc and a few vessels. */
    static BufferedImage fundusLike(int size, Random random, boolean gray) {
        BufferedImage img = new BufferedImage(size, size,
                gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, size, size);
            int m = size / 20;
            g.setColor(new Color(180 + random.nextInt(40), 80 + random.nextInt(30), 30 + random.nextInt(20)));
            g.fillOval(m, m, size - 2 * m, size - 2 * m);
            int dx = size / 3 + random.nextInt(size / 3);
            int dy = size / 3 + random.nextInt(size / 3);
            g.setColor(new Color(250, 220, 160));
            g.fillOval(dx - size / 16, dy - size / 16, size / 8, size / 8);
            g.setColor(new Color(120, 20, 20));
            for (int v = 0; v < 8; v++) {
                g.setStroke(new BasicStroke(1 + random.nextInt(Math.max(2, size / 100))));
                g.drawLine(dx, dy, m + random.nextInt(size - 2 * m), m + random.nextInt(size - 2 * m));
            }
            for (int d = 0; d < 30; d++) {
                g.setColor(new Color(240, 230, 120 + random.nextInt(60)));
                g.fillOval(m + random.nextInt(size - 3 * m), m + random.nextInt(size - 3 * m), 3, 3);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void mustRun(List<String> command) throws DicomException, IOException {
        int rc = runTool(command);
        if (rc != 0) {
            throw new DicomException(command.get(0) + " failed with exit code " + rc + " (is dcmtk installed?)");
        }
    }

    private static int runTool(List<String> command) throws IOException, DicomException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new DicomException("cannot start " + command.get(0) + " (is dcmtk installed?): " + e.getMessage(), e);
        }
        try {
            if (!p.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DicomException("interrupted while running " + command.get(0), e);
        }
    }

    private static double seconds(long start) {
        return Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
