package dev.occam.cli;

import dev.occam.core.jobs.PredictJob;
import dev.occam.core.jobs.SegmentPredictJob;
import dev.occam.runtime.ForecastModelFile;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.segment.SegmentationFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "predict", mixinStandardHelpOptions = true, versionProvider = OccamCommand.Version.class,
        description = "Scores every row of a CSV or Parquet file with a saved model, in row order"
        + " (a segmentation assigns each row its segment); a forecast model writes its forecast (--horizon H), a"
        + " recommender each user's top items (--top N).")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "a model.json written by 'occam fit'")
    Path model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DATA", description = "a CSV or Parquet file with the model's"
            + " columns (not for a forecast model)")
    Path data;

    @Option(names = "--horizon", paramLabel = "H", description = "forecast models: steps ahead (default: the use "
            + "case's horizon)")
    Integer horizon;

    @Option(names = "--series", paramLabel = "KEY", description = "forecast models: only this series")
    String series;

    @Option(names = "--out", paramLabel = "FILE", description = "write the predictions here (default: standard output)")
    Path out;

    @Option(names = "--force", description = "replace --out FILE if it exists")
    boolean force;

    @Option(names = "--top", paramLabel = "N", description = "recommendation models: the N best items per user"
            + " (default 10); DATA then holds the user column")
    Integer top;

    @Option(names = "--threshold", paramLabel = "P", description = "two-class models: call the positive class at"
            + " probability P instead of the model's own threshold (the one the fit chose, by the costs when the use"
            + " case has them)")
    Double threshold;

    @Option(names = "--keep", paramLabel = "COLUMN", split = ",", description = "copy these input columns (an ID,"
            + " say) into the output in front of the predictions: --keep id or --keep id,branch")
    java.util.List<String> keep = new java.util.ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String format = ModelFile.format(model);
        if (threshold != null && !ModelFile.FORMAT.equals(format)) {
            throw new Errors.UserError("--threshold is for two-class models; " + model + " is a " + format + " file");
        }
        if (SegmentationFile.FORMAT.equals(format)) {
            return assignSegments();
        }
        if (!keep.isEmpty() && (ForecastModelFile.FORMAT.equals(format)
                || dev.occam.runtime.recommend.RecommenderModelFile.FORMAT.equals(format))) {
            throw new Errors.UserError("--keep copies input columns beside each row's prediction or segment; " + model
                    + " (" + format + ") writes rows of its own (one per series and time, or per user and rank)");
        }
        if (ForecastModelFile.FORMAT.equals(format)) {
            return forecast();
        }
        if (dev.occam.runtime.recommend.RecommenderModelFile.FORMAT.equals(format)) {
            return RecommendCommands.predict(model, data, top, out, force, spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        if (top != null) {
            throw new Errors.UserError("--top is for recommendation models; " + model + " predicts one answer per row");
        }
        if (!keep.isEmpty() && data == null) {
            throw new Errors.UserError("--keep copies columns of DATA; give the CSV or Parquet file to score");
        }
        if (data == null) {
            throw new Errors.UserError("missing DATA: the CSV or Parquet file to score with " + model);
        }
        if (out == null) {
            spec.commandLine().getOut().print(PredictJob.predictCsv(model, data, keep, threshold));
            spec.commandLine().getOut().flush();
            return OccamCommand.OK;
        }
        if (Files.exists(out) && !force) {
            throw new Errors.UserError(out + " already exists; pass --force to replace it");
        }
        int rows = PredictJob.predictToFile(model, data, out, keep, threshold);
        spec.commandLine().getErr().println(String.format(java.util.Locale.ROOT, "wrote %,d predictions to %s", rows, out));
        return OccamCommand.OK;
    }

    /** A forecast model: one row per series and future time, no data file. */
    private int forecast() throws Exception {
        if (data != null) {
            throw new Errors.UserError(model + " is a forecast model: it reads no DATA file; give --horizon H instead");
        }
        if (horizon != null && horizon < 1) {
            throw new Errors.UserError("--horizon must be at least 1: " + horizon);
        }
        String csv = ForecastCsv.write(ForecastModelFile.load(model), series, horizon);
        if (out == null) {
            spec.commandLine().getOut().print(csv);
            spec.commandLine().getOut().flush();
            return OccamCommand.OK;
        }
        if (Files.exists(out) && !force) {
            throw new Errors.UserError(out + " already exists; pass --force to replace it");
        }
        AtomicFiles.write(out, csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        spec.commandLine().getErr().println("wrote the forecast to " + out);
        return OccamCommand.OK;
    }

    /** A segmentation's model.json: one row per input row with {@code segment} and {@code probability}. */
    private int assignSegments() throws Exception {
        if (data == null) {
            throw new Errors.UserError("missing DATA: the CSV or Parquet file whose rows " + model + " assigns to segments");
        }
        if (out == null) {
            spec.commandLine().getOut().print(SegmentPredictJob.predictCsv(model, data, keep));
            spec.commandLine().getOut().flush();
            return OccamCommand.OK;
        }
        if (Files.exists(out) && !force) {
            throw new Errors.UserError(out + " already exists; pass --force to replace it");
        }
        int rows = SegmentPredictJob.predictToFile(model, data, out, keep);
        spec.commandLine().getErr().println(String.format(java.util.Locale.ROOT, "wrote %,d segment assignments to %s",
                rows, out));
        return OccamCommand.OK;
    }
}
