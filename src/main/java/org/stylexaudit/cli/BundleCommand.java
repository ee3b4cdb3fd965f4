package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stylexaudit.engine.Bundle;
import org.stylexaudit.engine.BundleException;
import org.stylexaudit.engine.BundleManifest;
import org.stylexaudit.engine.EngineException;
import org.stylexaudit.engine.EngineOptions;
import org.stylexaudit.engine.EngineSession;
import org.stylexaudit.engine.StyleLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Inspects and verifies StylEx model bundles: the {@code bundle info} and {@code bundle verify} commands. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = "Inspects and verifies StylEx model bundles (bundle.json + ONNX networks).",
        subcommands = {BundleCommand.Info.class, BundleCommand.Verify.class})
final class BundleCommand {

    /** Prints the manifest summary without checking hashes ({@code bundle info DIR}). */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Prints a bundle's resolution, classes, style layout, files and training record "
                    + "(hashes are not checked; use 'bundle verify').")
    static final class Info implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The bundle folder (or .zip).")
        Path dir;

        @Override
        public Integer call() throws BundleException {
            requireBundlePath(dir);
            Bundle bundle = Bundle.inspect(dir);
            BundleManifest m = bundle.manifest();
            Map<String, Long> sizes = bundle.fileSizes();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("bundle      %s (format %d)%n", dir, m.formatVersion());
            out.printf("images      %dx%d %s, values %s..%s%n", m.resolution(), m.resolution(), m.channelOrder(),
                    num(m.valueRange().min()), num(m.valueRange().max()));
            out.printf("classes     %d: %s (classifier gives %s)%n", m.classNames().size(),
                    String.join(", ", m.classNames()), m.classifierOutput());
            StyleLayout layout = m.styleLayout();
            out.printf("styles      %d layers, %d coordinates, %d searchable%n", layout.layers().size(),
                    layout.totalSize(), layout.searchableSize());
            out.println("files");
            for (String name : m.files().keySet()) {
                String size = sizes.get(name) < 0 ? "MISSING" : sizes.get(name) + " B";
                out.printf("  %-16s %10s  sha256 %s%n", name, size, m.files().get(name).substring(0, 16) + "...");
            }
            out.println("training    " + headline(m.training()));
            if (m.provenance().containsKey("created")) {
                out.println("written     " + m.provenance().get("created") + " by "
                        + m.provenance().getOrDefault("tool", "unknown tool"));
            }
            return ExitCodes.OK;
        }
    }

    /** Checks every file against its SHA-256 and, with {@code --load}, the networks' sizes ({@code bundle verify}). */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks every file of a bundle against the SHA-256 in bundle.json and refuses unlisted "
                    + "ONNX files. Exit 0 when all match, 1 naming each file that does not.")
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The bundle folder (or .zip).")
        Path dir;

        @Option(names = {"-l", "--load"},
                description = "Also load every network in ONNX Runtime (CPU) and check its input and output sizes "
                        + "against the manifest.")
        boolean load;

        @Override
        public Integer call() throws BundleException, EngineException {
            requireBundlePath(dir);
            Bundle bundle = Bundle.load(dir);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("bundle %s verified: %d files match their SHA-256%n", dir, bundle.manifest().files().size());
            if (!load) {
                return ExitCodes.OK;
            }
            try (EngineSession session = EngineSession.open(bundle, EngineOptions.cpu().withThreads(1))) {
                List<String> problems = session.checkInterfaces();
                if (!problems.isEmpty()) {
                    throw new BundleException("bundle " + dir + ": networks do not fit the manifest: "
                            + String.join("; ", problems));
                }
            }
            out.println("networks load in ONNX Runtime and their sizes fit the manifest");
            return ExitCodes.OK;
        }
    }

    private static void requireBundlePath(Path dir) {
        if (!Files.isDirectory(dir) && !Bundle.isZip(dir)) {
            throw new UsageException("expected a bundle folder or .zip, got " + dir + " (" + (Files.exists(dir)
                    ? "neither a folder nor a .zip file" : "does not exist") + ")");
        }
    }

    /** Returns the training record's headline: steps, images, time, data digest and fidelity when present. */
    static String headline(Map<String, Object> training) {
        if (training.isEmpty()) {
            return "(none recorded)";
        }
        StringBuilder s = new StringBuilder();
        for (String key : new String[] {"steps", "trainImages", "images", "seconds", "elapsed", "dataDigest",
            "fidelity"}) {
            Object v = training.get(key);
            if (v == null) {
                continue;
            }
            String text = v instanceof Map<?, ?> map ? compact(map) : String.valueOf(v);
            if ("dataDigest".equals(key) && text.length() > 16) {
                text = text.substring(0, 16) + "...";
            }
            s.append(s.length() == 0 ? "" : ", ").append(key).append(' ').append(text);
        }
        return s.length() == 0 ? training.size() + " entries: " + String.join(", ", training.keySet()) : s.toString();
    }

    /** Returns up to four scalar entries of a nested record as {@code {k=v, ...}}, so the headline stays a line. */
    private static String compact(Map<?, ?> map) {
        StringBuilder s = new StringBuilder("{");
        int shown = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof Number || e.getValue() instanceof String) {
                if (shown == 4) {
                    s.append(", ...");
                    break;
                }
                Object v = e.getValue();
                String text = v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.4g", d) : v.toString();
                s.append(shown++ == 0 ? "" : ", ").append(e.getKey()).append('=').append(text);
            }
        }
        return s.append('}').toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
