package dev.occam.cli;

import dev.occam.core.jobs.ExplainJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = {
    "Explains one decision: the row's values, the score, the baseline, every feature's contribution (they add up"
            + " to the score) and the reasons in words.",
    "With DATA and no --row: how the model behaves on that data: permutation importance (when DATA has the"
            + " target column) and partial dependence.",
    "Without DATA, prints the model as a person reads it: coefficients (with intervals and odds ratios), rules,"
            + " points or trees."})
final class ExplainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.json written by 'occam fit'")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA", arity = "0..1",
            description = "a CSV or Parquet file with the model's columns")
    Path data;

    @Option(names = "--row", paramLabel = "N", description = "the data row to explain, 1 for the first row after the header")
    Integer row;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "seed of the shuffles and the row sample of the global explanation (default: ${DEFAULT-VALUE})")
    long seed;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String text;
        if (data == null) {
            if (row != null) {
                throw new Errors.UserError("--row " + row + " needs a DATA file to read the row from");
            }
            text = ExplainJob.describe(model);
        } else {
            text = row == null ? ExplainJob.global(model, data, seed) : ExplainJob.explainRow(model, data, row);
        }
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return OccamCommand.OK;
    }
}
