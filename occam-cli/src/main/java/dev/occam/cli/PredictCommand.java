package dev.occam.cli;

import dev.occam.core.jobs.PredictJob;
import dev.occam.core.jobs.SegmentPredictJob;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.segment.SegmentationFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "predict", description = "Scores every row of a CSV or Parquet file with a saved model, in row order.")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.json written by 'occam fit'")
    Path model;

    @Parameters(index = "1", paramLabel = "DATA", description = "a CSV or Parquet file with the model's columns")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "write the predictions here (default: standard output)")
    Path out;

    @Option(names = "--force", description = "replace --out FILE if it exists")
    boolean force;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (SegmentationFile.FORMAT.equals(ModelFile.format(model))) {
            return assignSegments();
        }
        if (out == null) {
            spec.commandLine().getOut().print(PredictJob.predictCsv(model, data));
            spec.commandLine().getOut().flush();
            return OccamCommand.OK;
        }
        if (Files.exists(out) && !force) {
            throw new Errors.UserError(out + " already exists; pass --force to replace it");
        }
        int rows = PredictJob.predictToFile(model, data, out);
        spec.commandLine().getErr().println(String.format(java.util.Locale.ROOT, "wrote %,d predictions to %s", rows, out));
        return OccamCommand.OK;
    }

    /** A segmentation's model.json: one row per input row with {@code segment} and {@code probability}. */
    private int assignSegments() throws Exception {
        if (out == null) {
            spec.commandLine().getOut().print(SegmentPredictJob.predictCsv(model, data));
            spec.commandLine().getOut().flush();
            return OccamCommand.OK;
        }
        if (Files.exists(out) && !force) {
            throw new Errors.UserError(out + " already exists; pass --force to replace it");
        }
        int rows = SegmentPredictJob.predictToFile(model, data, out);
        spec.commandLine().getErr().println(String.format(java.util.Locale.ROOT, "wrote %,d segment assignments to %s",
                rows, out));
        return OccamCommand.OK;
    }
}
