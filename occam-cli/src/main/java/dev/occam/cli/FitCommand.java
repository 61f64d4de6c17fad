package dev.occam.cli;

import dev.occam.core.jobs.FitJob;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.UseCase;
import dev.occam.core.usecase.UseCaseReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fit", description = "Cross-validates the ladder of models on a use case, chooses one, and writes"
        + " leaderboard.json, model.json and card.json.")
final class FitCommand implements Callable<Integer> {

    private static final String[] OUTPUTS = {"leaderboard.json", "model.json", "card.json"};

    @Parameters(index = "0", paramLabel = "USECASE", description = "the use-case YAML file")
    Path useCaseFile;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: out/<use case name>)")
    Path out;

    @Option(names = "--force", description = "replace output files even if Occam did not write them")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        UseCase useCase = UseCaseReader.read(useCaseFile);
        Path dir = out != null ? out : Path.of("out", useCase.name());
        refuseToClobber(dir);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ProgressPrinter progress = new ProgressPrinter(stderr, System.console() != null);
        FitResult result = new FitJob(useCase, dir, progress).run();
        progress.finish();
        LeaderboardPrinter.print(result, stdout);
        stdout.flush();
        return result.successMet() ? OccamCommand.OK : OccamCommand.SUCCESS_NOT_MET;
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
