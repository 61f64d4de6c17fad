package dev.occam.cli;

import dev.occam.core.jobs.FitEngine;
import dev.occam.core.jobs.FitJob;
import dev.occam.core.jobs.ForecastJob;
import dev.occam.core.jobs.RecommendJob;
import dev.occam.core.jobs.SegmentJob;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.ForecastUseCase;
import dev.occam.core.usecase.ForecastUseCaseReader;
import dev.occam.core.usecase.RecommendUseCase;
import dev.occam.core.usecase.RecommendUseCaseReader;
import dev.occam.core.usecase.SegmentUseCase;
import dev.occam.core.usecase.SegmentUseCaseReader;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import dev.occam.report.ReportWriter;
import dev.occam.runtime.Task;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.io.OutputSet;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fit", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = "Cross-validates the ladder of models on a use case, chooses one, and writes"
        + " leaderboard.json, model.json, card.json and report.html.")
final class FitCommand implements Callable<Integer> {

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

    @Option(names = "--quiet", description = "print no progress and no leaderboard: only errors and the final"
            + " one-line verdict")
    boolean quiet;

    @Option(names = "--json", description = "print a machine-readable summary on standard output (chosen model,"
            + " verdict, success bar and value, output folder, exit code); the console summary goes to standard"
            + " error")
    boolean json;

    @Option(names = "--log", paramLabel = "FILE", description = "also append everything printed on standard error"
            + " to FILE")
    Path log;

    @Option(names = "--driver", paramLabel = "PATH", description = "a JDBC driver jar, or a folder of jars, for a"
            + " use case's data.jdbc (repeatable; also read: the drivers/ folder beside the occam launcher and the"
            + " OCCAM_DRIVERS variable)")
    java.util.List<Path> drivers = new java.util.ArrayList<>();

    @Option(names = "--keep-runs", paramLabel = "N", description = "keep the last N runs of this output folder"
            + " beside it, for 'occam runs' and 'occam compare' (default: " + OutputSet.DEFAULT_KEEP_RUNS + ")")
    Integer keepRuns;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Where the console summary goes: standard output, or standard error under --json; nowhere under --quiet. */
    private PrintWriter summary;

    @Override
    public Integer call() throws Exception {
        if (log != null) {
            // Errors are printed by the handler through the command's err writer: set it here so they are logged too.
            spec.commandLine().setErr(Console.teeTo(spec.commandLine().getErr(), log));
        }
        try {
            return fit();
        } finally {
            spec.commandLine().getErr().flush();
        }
    }

    private int fit() throws Exception {
        if (threads != null && (threads < 1 || threads > FitJob.MAX_THREADS)) {
            throw new IllegalArgumentException("--threads must be between 1 and " + FitJob.MAX_THREADS
                    + " (the most a fork-join pool runs): " + threads);
        }
        if (keepRuns != null && keepRuns < 1) {
            throw new IllegalArgumentException("--keep-runs must be >= 1: " + keepRuns);
        }
        dev.occam.core.data.JdbcDrivers.load(Console.driverPaths(drivers));
        int cores = Runtime.getRuntime().availableProcessors();
        int n = threads != null ? threads : cores;
        summary = quiet ? Console.NOWHERE : json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (n > cores) {
            // Not an error (the results do not depend on it), but more folds at once than cores only share them,
            // and each fold in flight holds its own copy of the training rows.
            summary.println("note: --threads " + n + " is more than this machine's " + cores + " cores: the folds"
                    + " beyond " + cores + " at once share them, and each holds its training rows in memory");
        }
        PrintWriter stdout = summary;
        if (!engine.equals("local") || master != null) {
            return onEngine();
        }
        Task named = UseCaseReader.taskOf(useCaseFile);
        if (named == Task.FORECAST) {
            ForecastUseCase useCase = ForecastUseCaseReader.read(useCaseFile);
            return fitStaged(useCase.name(), null, staging -> new ForecastJob(useCase, staging, n).run(),
                    ForecastJob.Outcome::successMet, (o, dir) -> ForecastPrinter.print(o, dir, stdout));
        }
        if (named == Task.RECOMMENDATION) {
            RecommendUseCase useCase = RecommendUseCaseReader.read(useCaseFile);
            return fitStaged(useCase.name(), null, staging -> new RecommendJob(useCase, staging).run(),
                    RecommendJob.Outcome::successMet, (o, dir) -> RecommendCommands.print(o, dir, stdout));
        }
        if (named == Task.SEGMENTATION) {
            SegmentUseCase useCase = SegmentUseCaseReader.read(useCaseFile);
            return fitStaged(useCase.name(), null, staging -> new SegmentJob(useCase, staging).run(),
                    SegmentJob.Outcome::successMet, (o, dir) -> SegmentPrinter.print(o, stdout));
        }
        UseCase useCase = UseCaseReader.read(useCaseFile);
        // A log file gets one line per candidate, not a line rewritten in place.
        ProgressPrinter progress = quiet ? null
                : new ProgressPrinter(spec.commandLine().getErr(), System.console() != null && log == null);
        FitJob.Progress reported = progress != null ? progress : (family, rung, done, total, seconds) -> { };
        return fitStaged(useCase.name(), progress, staging -> new FitJob(useCase, staging, reported, n).run(),
                FitResult::successMet, (r, dir) -> LeaderboardPrinter.print(r, dir, stdout));
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
        ProgressPrinter progress = quiet ? null
                : new ProgressPrinter(spec.commandLine().getErr(), System.console() != null && log == null);
        FitJob.Progress reported = progress != null ? progress : (family, rung, done, total, seconds) -> { };
        PrintWriter stdout = summary;
        return fitStaged(useCase.name(), progress, staging -> fitEngine.fit(useCase, staging,
                new FitEngine.Settings(master), reported), FitResult::successMet,
                (r, dir) -> LeaderboardPrinter.print(r, dir, stdout));
    }

    /** A task's fit, writing its whole output set into a staging folder it is given. */
    @FunctionalInterface
    private interface StagedFit<R> {
        R run(Path staging) throws Exception;
    }

    /**
     * Every task's fit the same way: the whole set is written beside the output folder and switched in at the end,
     * so a reader never sees two runs mixed, and a run that missed its bar never takes a model that met its bar
     * offline (its set is kept apart and the console says where). @return the exit code
     */
    private <R> int fitStaged(String name, ProgressPrinter progress, StagedFit<R> fit, Predicate<R> met,
            BiConsumer<R, Path> print) throws Exception {
        Path dir = out != null ? out : Path.of("out", name);
        refuseToClobber(dir);
        PrintWriter stdout = summary;
        PrintWriter stderr = spec.commandLine().getErr();
        R result;
        String kept;
        Path run;
        try (OutputSet set = beginOutputs(dir)) {
            Thread onInterrupt = new Thread(() -> interrupted(set, progress, stderr), "occam-interrupt");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            try {
                result = fit.run(set.staging());
                ReportWriter.write(set.staging());
                kept = result instanceof FitResult r ? FitOutputs.whyKeepPrevious(dir, r)
                        : FitOutputs.whyKeepPrevious(dir, met.test(result));
                if (kept == null) {
                    set.commit();
                } else {
                    set.keep();
                }
            } catch (Exception | Error e) {
                set.abandon();
                throw e;
            } finally {
                removeHook(onInterrupt);
            }
            if (progress != null) {
                progress.finish();
            }
            // Where links cannot be made the set was copied into dir and is gone: no run folder to name.
            run = set.atomic() ? set.staging() : null;
            print.accept(result, kept == null ? dir : set.staging());
            stdout.flush();
            if (kept != null) {
                stderr.println("occam: kept " + dir + " as it was: " + kept + "; this run's outputs are in "
                        + set.staging() + " ('occam runs " + dir + "' lists it)");
                stderr.flush();
            }
        }
        int code = met.test(result) ? OccamCommand.OK : OccamCommand.SUCCESS_NOT_MET;
        if (quiet || json) {
            Path written = kept == null ? dir : run;
            RunSummary said = RunSummary.read(written);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? Json.MAPPER.writeValueAsString(said.toJson(written, run, code)) : said.oneLine(written));
            out.flush();
        }
        return code;
    }

    private OutputSet beginOutputs(Path dir) throws java.io.IOException {
        try {
            return OutputSet.begin(dir, keepRuns != null ? keepRuns : OutputSet.DEFAULT_KEEP_RUNS);
        } catch (IllegalStateException e) {
            throw new Errors.UserError(e.getMessage());
        }
    }

    /**
     * Ctrl-C (or a kill) while fitting: this run's files go to a set of their own, switched in only at the end,
     * so the output folder holds the previous run's set until then and this run's set after; say which.
     */
    private static void interrupted(OutputSet set, ProgressPrinter progress, PrintWriter stderr) {
        if (progress != null) {
            progress.finish();
        }
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
        // Every task's card names its format, "occam-card/1", "occam-forecast-card/1", ...
        if (Files.isRegularFile(card) && Files.readString(card).contains("\"format\" : \"occam-")) {
            return;
        }
        for (String file : OutputSet.OUTPUT_NAMES.stream().sorted().toList()) {
            if (Files.exists(dir.resolve(file))) {
                throw new Errors.UserError(dir.resolve(file) + " exists and was not written by Occam;"
                        + " choose another --out or pass --force to replace it");
            }
        }
    }
}
