package org.stylexaudit.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.stylexaudit.dicom.DicomObject;
import org.stylexaudit.dicom.DicomReader;
import org.stylexaudit.dicom.ImageDecoder;
import org.stylexaudit.dicom.ReadLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Decodes one frame of a DICOM image to an 8-bit PNG (rescale and window applied, as for display). */
@Command(name = "png", mixinStandardHelpOptions = true,
        description = "Writes one frame of a DICOM image as an 8-bit PNG (rescale, window and palette applied).")
final class DicomPngCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "DICOM image file")
    private Path file;

    @Option(names = {"-f", "--frame"}, paramLabel = "N", defaultValue = "1",
            description = "frame number, 1-based like dcmtk (default: ${DEFAULT-VALUE})")
    private int frame;

    @Option(names = {"-o", "--out"}, paramLabel = "X.png", required = true, description = "PNG file to write")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("expected a DICOM file, but " + file + " is not a readable file");
        }
        if (frame < 1) {
            throw new UsageException("--frame counts from 1, got " + frame);
        }
        DicomObject ds = new DicomReader(ReadLimits.DEFAULT).read(file);
        ImageDecoder decoder = new ImageDecoder(ReadLimits.DEFAULT);
        int frames = decoder.frameCount(ds);
        if (frame > frames) {
            throw new UsageException("--frame " + frame + " asked for, but " + file.getFileName() + " has " + frames
                    + (frames == 1 ? " frame" : " frames"));
        }
        BufferedImage img = decoder.decodeFrame(ds, frame - 1);
        writePng(img, out);
        spec.commandLine().getOut().println("wrote " + out + " (" + img.getWidth() + " x " + img.getHeight()
                + ", frame " + frame + " of " + frames + ")");
        return ExitCodes.OK;
    }

    private static void writePng(BufferedImage img, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", out.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
