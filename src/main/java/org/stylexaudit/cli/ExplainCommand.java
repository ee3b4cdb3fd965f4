package org.stylexaudit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.stylexaudit.attfind.Explainer;
import org.stylexaudit.attfind.ImageRanking;
import org.stylexaudit.common.Progress;
import org.stylexaudit.store.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code explain}: the attributes that move one image's prediction most, with frames. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explains one image with the newest 'discover' run: the style attributes that move its "
                + "prediction most, the class probability before and after each, and PNG frames of the change.")
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, required = true, paramLabel = "WS", description = "Audit workspace.")
    Path workspace;

    @Option(names = {"-i", "--image"}, required = true, paramLabel = "ID",
            description = "Image key, unique key prefix, or catalog id.")
    String image;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "5",
            description = "Attributes to list (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Folder for the PNG frames (default: WS/explanations/<key>).")
    Path out;

    @Mixin
    DiscoverCommand.EngineMixin engine;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Explainer.Explanation e;
        try (Workspace ws = Workspace.open(workspace)) {
            e = Explainer.explain(ws, image, k, out, engine.options(),
                    ConsoleProgress.forStderr(spec.commandLine().getErr()));
        } catch (IllegalArgumentException ex) {
            throw new UsageException(ex.getMessage());
        }
        o.printf(Locale.ROOT, "image %s (run %d%s): predicted %s, p = %.3f%n", e.imageKey().substring(0, 16),
                e.runId(), e.fromStore() ? ", stored effects" : ", effects computed now",
                e.classNames().get(e.predicted()), e.probabilities()[e.predicted()]);
        o.printf("%-4s %-22s %-24s %8s %8s  %s%n", "rank", "attribute", "toward class", "p before", "p after",
                "frame");
        for (int i = 0; i < e.entries().size(); i++) {
            ImageRanking.Entry en = e.entries().get(i);
            o.printf(Locale.ROOT, "%-4d %-22s %-24s %8.3f %8.3f  %s%n", i + 1, e.labels().get(i),
                    e.classNames().get(en.targetClass()), en.before(), en.after(), e.frames().get(i).getFileName());
        }
        o.println("frames: " + e.original().getParent());
        return ExitCodes.OK;
    }
}
