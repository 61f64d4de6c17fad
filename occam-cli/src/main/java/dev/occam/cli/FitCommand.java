package dev.occam.cli;

import dev.occam.core.jobs.FitJob;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.report.ReportWriter;
import dev.occam.runtime.io.OutputSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fit", description = "Cross-validates the ladder of models on a use case, chooses one, and writes"
        + " leaderboard.json, model.json, card.json and report.html.")
final class FitCommand implements Callable<Integer> {

    private static final String[] OUTPUTS = {"leaderboard.json", "model.json", "card.json", "report-data.json",
        ReportWriter.FILE_NAME};

    @Parameters(index = "0", paramLabel = "USECASE", description = "the use-case YAML file")
    Path useCaseFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: out/<use case name>)")
    Path out;

    @Option(names = "--force", description = "replace output files even if Occam did not write them")
    boolean force;

    @Option(names = "--threads", paramLabel = "N", description = "fit this many folds at once (default: the "
            + "machine's cores); the results do not depend on it")
    Integer threads;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1: " + threads);
        }
        UseCase useCase = UseCaseReader.read(useCaseFile);
        Path dir = out != null ? out : Path.of("out", useCase.name());
        refuseToClobber(dir);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ProgressPrinter progress = new ProgressPrinter(stderr, System.console() != null);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        FitResult result;
        String kept;
        // The whole set is written beside dir and switched in at the end, so a reader never sees two runs mixed.
        try (OutputSet set = beginOutputs(dir)) {
            Thread onInterrupt = new Thread(() -> interrupted(set, progress, stderr), "occam-interrupt");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                result = new FitJob(useCase, set.staging(), progress, n).run();
                ReportWriter.write(set.staging());
                kept = FitOutputs.whyKeepPrevious(dir, result);
                if (kept == null) {
                    set.commit();
                }
            } catch (Exception | Error e) {
                set.abandon();
                throw e;
            } finally {
                removeHook(onInterrupt);
            }
            progress.finish();
            LeaderboardPrinter.print(result, kept == null ? dir : set.staging(), stdout);
            stdout.flush();
            if (kept != null) {
                stderr.println("occam: kept " + dir + " as it was: " + kept + "; this run's outputs are in "
                        + set.staging() + " until the next fit of " + dir);
                stderr.flush();
            }
        }
        return result.successMet() ? OccamCommand.OK : OccamCommand.SUCCESS_NOT_MET;
    }

    private static OutputSet beginOutputs(Path dir) throws java.io.IOException {
        try {
            return OutputSet.begin(dir);
        } catch (IllegalStateException e) {
            throw new Errors.UserError(e.getMessage());
        }
    }

    /**
     * Ctrl-C (or a kill) while fitting: this run's files go to a set of their own, switched in only at the end,
     * so the output folder holds the previous run's set until then and this run's set after; say which.
     */
    private static void interrupted(OutputSet set, ProgressPrinter progress, PrintWriter stderr) {
        progress.finish();
        String said;
        synchronized (set) {
            if (set.committed()) {
                said = "occam: interrupted after this run's outputs were written to " + set.target();
            } else {
                set.abandon();
                said = "occam: interrupted; nothing new was written to " + set.target()
                        + (Files.isDirectory(set.target()) ? " (it still holds the previous run's outputs)" : "");
            }
        }
        stderr.println(said);
        stderr.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
            // The JVM is stopping: the hook runs and tells the user.
        }
    }

    /** Output files that exist but were not written by Occam are kept unless --force says otherwise. */
    private void refuseToClobber(Path dir) throws java.io.IOException {
        if (force || !Files.isDirectory(dir)) {
            return;
        }
        Path card = dir.resolve("card.json");
        boolean ours = Files.isRegularFile(card) && Files.readString(card).contains("\"format\" : \"occam-card/");
        if (ours) {
            return;
        }
        for (String name : OUTPUTS) {
            if (Files.exists(dir.resolve(name))) {
                throw new Errors.UserError(dir.resolve(name) + " exists and was not written by Occam;"
                        + " choose another --out or pass --force to replace it");
            }
        }
    }
}
