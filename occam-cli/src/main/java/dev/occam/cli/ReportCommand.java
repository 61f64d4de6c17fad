package dev.occam.cli;

import dev.occam.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = "Renders DIR/report.html again from the card.json, leaderboard.json, model.json"
        + " and report-data.json that 'occam fit' wrote into DIR.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the output folder of 'occam fit'")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path report = ReportWriter.write(dir);
        spec.commandLine().getOut().println("wrote " + report);
        return OccamCommand.OK;
    }
}
