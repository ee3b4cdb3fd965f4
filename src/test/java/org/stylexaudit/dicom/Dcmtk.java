package org.stylexaudit.dicom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Runs dcmtk tools as processes for the external tests: the reference decoder and the file generators. */
final class Dcmtk {

    /** Output and exit code of one tool run. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Dcmtk() {
    }

    /** Tells whether a dcmtk tool is on the PATH. */
    static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a tool with a timeout of 60 s; the output is stdout and stderr together. */
    static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timeout");
        }
        return new Result(p.exitValue(), new String(out));
    }

    /**
     * Decodes one frame (1-based) with dcmj2pnm (dcm2pnm plus the JPEG codecs) to PNG, choosing the VOI option that matches
     * {@link ImageDecoder#decodeFrame}: the file's first window when present, min-max for data deeper than 8 bits
     * or rescaled, none otherwise. Returns null when dcmtk fails.
     */
    static BufferedImage decode(Path dicom, int frame, DicomObject ds, Path workDir)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "dcmtk-", ".png");
        List<String> cmd = new ArrayList<>(List.of("dcmj2pnm", "+on", "+F", String.valueOf(frame)));
        cmd.addAll(voiOptions(ds));
        cmd.add(dicom.toString());
        cmd.add(out.toString());
        Result r = run(cmd.toArray(String[]::new));
        try {
            if (!r.ok() || Files.size(out) == 0) {
                return null;
            }
            return ImageIO.read(out.toFile());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static List<String> voiOptions(DicomObject ds) {
        String photometric = ds.string(Tag.PhotometricInterpretation, "");
        if (!photometric.startsWith("MONOCHROME")) {
            return List.of();
        }
        double center = ds.doubleValue(Tag.WindowCenter, Double.NaN);
        double width = ds.doubleValue(Tag.WindowWidth, Double.NaN);
        if (!Double.isNaN(center) && !Double.isNaN(width) && width >= 1) {
            return List.of("+Wi", "1");
        }
        boolean rescaled = ds.doubleValue(Tag.RescaleSlope, 1) != 1 || ds.doubleValue(Tag.RescaleIntercept, 0) != 0;
        if (ds.intValue(Tag.BitsStored, 8) > 8 || ds.intValue(Tag.PixelRepresentation, 0) == 1 || rescaled) {
            return List.of("+Wm");
        }
        return List.of();
    }

    /** Returns the largest per-channel difference between two images of the same size, or -1 if sizes differ. */
    static int maxDifference(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return -1;
        }
        int[] p = samples(a);
        int[] q = samples(b);
        if (p.length != q.length) {
            return 255; // grey against colour: as different as it gets
        }
        int max = 0;
        for (int i = 0; i < p.length; i++) {
            max = Math.max(max, Math.abs(p[i] - q[i]));
        }
        return max;
    }

    /** Returns the mean absolute per-channel difference of two same-size images. */
    static double meanDifference(BufferedImage a, BufferedImage b) {
        int[] p = samples(a);
        int[] q = samples(b);
        long sum = 0;
        for (int i = 0; i < Math.min(p.length, q.length); i++) {
            sum += Math.abs(p[i] - q[i]);
        }
        return sum / (double) Math.max(1, p.length);
    }

    /**
     * Returns the raw raster samples. Not getRGB: for grey images it converts linear grey to sRGB, which turns a
     * one-level difference near black into ten or more.
     */
    private static int[] samples(BufferedImage img) {
        if (img.getRaster().getNumBands() == 1) {
            return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
        }
        int[] out = new int[img.getWidth() * img.getHeight() * 3];
        int i = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                out[i++] = rgb >> 16 & 0xFF;
                out[i++] = rgb >> 8 & 0xFF;
                out[i++] = rgb & 0xFF;
            }
        }
        return out;
    }
}
