package dev.occam.cli;

import dev.occam.core.jobs.FitEngine;
import dev.occam.core.jobs.FitJob;
import dev.occam.core.jobs.ForecastJob;
import dev.occam.core.usecase.ForecastUseCase;
import dev.occam.core.usecase.ForecastUseCaseReader;
import dev.occam.results.ForecastResults;
import dev.occam.runtime.Task;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.report.ReportWriter;
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

    @Option(names = "--engine", paramLabel = "NAME", description = "where the ladder is played: local (this "
            + "process, the default) or spark (Apache Spark; needs occam-spark on the class path, see docs/spark.md)")
    String engine = "local";

    @Option(names = "--master", paramLabel = "URL", description = "with --engine spark: the Spark master (default "
            + "local[*]; spark://, yarn or k8s:// run on a cluster)")
    String master;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1: " + threads);
        }
        if (!engine.equals("local") || master != null) {
            return onEngine();
        }
        Task named = UseCaseReader.taskOf(useCaseFile);
        if (named == Task.FORECAST) {
            return forecast();
        }
        if (named == Task.RECOMMENDATION) {
            return RecommendCommands.fit(useCaseFile, out, force, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
        UseCase useCase = UseCaseReader.read(useCaseFile);
        Path dir = out != null ? out : Path.of("out", useCase.name());
        refuseToClobber(dir);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ProgressPrinter progress = new ProgressPrinter(stderr, System.console() != null);
        Thread onInterrupt = new Thread(() -> interrupted(dir, progress, stderr), "occam-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        FitResult result;
        try {
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            result = new FitJob(useCase, dir, progress, n).run();
        } finally {
            removeHook(onInterrupt);
        }
        ReportWriter.write(dir);
        progress.finish();
        LeaderboardPrinter.print(result, stdout);
        stdout.flush();
        return result.successMet() ? OccamCommand.OK : OccamCommand.SUCCESS_NOT_MET;
    }

    /**
     * {@code --engine NAME}: the use case played by another engine ({@link FitEngine}, found on the class path),
     * which writes the same files; the report and the console are the same as a local fit's.
     */
    private int onEngine() throws Exception {
        if (engine.equals("local")) {
            throw new Errors.UserError("--master " + master + " is for --engine spark; the local engine runs in "
                    + "this process");
        }
        FitEngine fitEngine = FitEngine.named(engine).orElseThrow(() -> new Errors.UserError(engine.equals("spark")
                ? "the Spark engine is not on the class path: ./occam adds occam-spark and Spark's jars for --engine "
                        + "spark, or put them on the class path after occam.jar (docs/spark.md)"
                : "no engine named '" + engine + "'; engines on the class path: local"
                        + FitEngine.available().stream().map(n -> ", " + n).reduce("", String::concat)));
        Task named = UseCaseReader.taskOf(useCaseFile);
        if (named == Task.FORECAST || named == Task.RECOMMENDATION || named == Task.SEGMENTATION) {
            throw new Errors.UserError("--engine " + engine + " plays prediction use cases (classification, "
                    + "regression); " + useCaseFile + " is not one");
        }
        UseCase useCase = UseCaseReader.read(useCaseFile);
        Path dir = out != null ? out : Path.of("out", useCase.name());
        refuseToClobber(dir);
        ProgressPrinter progress = new ProgressPrinter(spec.commandLine().getErr(), System.console() != null);
        FitResult result = fitEngine.fit(useCase, dir, new FitEngine.Settings(master), progress);
        ReportWriter.write(dir);
        progress.finish();
        LeaderboardPrinter.print(result, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return result.successMet() ? OccamCommand.OK : OccamCommand.SUCCESS_NOT_MET;
    }

    /** {@code task: forecast}: the forecasting ladder, its leaderboard and verdict on the console. */
    private int forecast() throws Exception {
        ForecastUseCase useCase = ForecastUseCaseReader.read(useCaseFile);
        Path dir = out != null ? out : Path.of("out", useCase.name());
        refuseToClobber(dir);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ForecastJob.Outcome outcome = new ForecastJob(useCase, dir, n).run();
        ReportWriter.write(dir);
        ForecastPrinter.print(outcome, dir, spec.commandLine().getOut());
        return outcome.successMet() ? OccamCommand.OK : OccamCommand.SUCCESS_NOT_MET;
    }

    /**
     * Ctrl-C (or a kill) while fitting: the outputs are written only at the end, each atomically, so
     * nothing half-written is left; remove any temporary file of an interrupted write and say so.
     */
    private static void interrupted(Path dir, ProgressPrinter progress, PrintWriter stderr) {
        progress.finish();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().startsWith(".") && p.toString().endsWith(".tmp"))
                        .forEach(p -> p.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
                // Best effort while the JVM stops.
            }
        }
        stderr.println("occam: interrupted; nothing new was written to " + dir);
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
        boolean ours = Files.isRegularFile(card) && (Files.readString(card).contains("\"format\" : \"occam-card/")
                || ForecastResults.isForecast(dir));
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
