package dev.occam.core.jobs;

import dev.occam.core.data.DataException;
import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.runtime.Model;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.Prediction;
import dev.occam.runtime.PredictionInterval;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code occam predict}: scores every row of a CSV or Parquet file with a saved model and writes one
 * CSV line per input row, in order: {@code prediction} and, for classification, {@code probability}
 * of the positive class; for a regression model with a prediction interval, its ends {@code lower_90} and
 * {@code upper_90} (named from the level: {@code lower_95} at 0.95); then {@code reasons}, joined by "; ": the
 * top three that raised the chance of the positive class, or for regression the three strongest either way
 * (see {@link dev.occam.runtime.Explanation#predictionReasons(int)}).
 */
public final class PredictJob {

    private PredictJob() {
    }

    /** Scores the data file and returns the CSV text. */
    public static String predictCsv(Path modelFile, Path dataFile) throws IOException, DataException {
        return predictCsv(modelFile, dataFile, List.of(), null);
    }

    /**
     * Scores the data file and returns the CSV text, with the columns {@code keep} names copied from the input in
     * front of the predictions (see {@link KeptColumns}), calling the positive class at {@code threshold} instead of
     * the model's own (the one the fit chose: by the costs, the use case's, or the positive share).
     *
     * @param threshold a probability in (0, 1), or null for the model's
     * @throws IllegalArgumentException when a threshold is given for a model that is not a two-class classifier, or
     *     is outside (0, 1)
     */
    public static String predictCsv(Path modelFile, Path dataFile, List<String> keep, Double threshold)
            throws IOException, DataException {
        Model model = withThreshold(ModelFile.load(modelFile), modelFile, threshold);
        Frame frame = MissingColumns.asModelReads(model, DataLoader.load(new DataSource(dataFile, null, null, null)));
        Set<String> outputColumns = new HashSet<>(List.of("prediction", "probability", "reasons"));
        if (model.target().isMulticlass()) {
            model.target().levels().forEach(l -> outputColumns.add("probability_" + l));
        }
        if (model.interval() != null) {
            outputColumns.add("lower_" + model.interval().columnSuffix());
            outputColumns.add("upper_" + model.interval().columnSuffix());
        }
        KeptColumns kept = KeptColumns.of(frame, keep, outputColumns, dataFile);
        Prediction[] predictions;
        try {
            predictions = model.predict(frame);
        } catch (IllegalArgumentException e) {
            throw new DataException(dataFile + ": " + e.getMessage());
        }
        boolean classification = model.target().isClassification();
        boolean multiclass = model.target().isMulticlass();
        PredictionInterval interval = model.interval();
        StringBuilder sb = new StringBuilder(predictions.length * 24);
        sb.append(kept.header());
        sb.append(classification ? "prediction,probability," : "prediction,");
        if (multiclass) {
            // One column per class, in the target's level order; a row's probabilities sum to 1.
            for (String level : model.target().levels()) {
                sb.append(csvField("probability_" + level)).append(',');
            }
        }
        if (interval != null) {
            sb.append("lower_").append(interval.columnSuffix()).append(",upper_").append(interval.columnSuffix())
                    .append(',');
        }
        sb.append("reasons\n");
        for (int i = 0; i < predictions.length; i++) {
            Prediction p = predictions[i];
            kept.appendRow(sb, i);
            if (classification) {
                sb.append(csvField(p.label())).append(',').append(p.probability());
            } else if (multiclass) {
                sb.append(csvField(p.label()));
                for (double probability : p.probabilities().values()) {
                    sb.append(',').append(probability);
                }
            } else {
                sb.append(p.score());
            }
            if (interval != null) {
                sb.append(',').append(p.lower()).append(',').append(p.upper());
            }
            String reasons = String.join("; ",
                    model.explain(ExplainJob.row(model, frame, i)).predictionReasons(ExplainJob.REASONS));
            sb.append(',').append(csvField(reasons)).append('\n');
        }
        return sb.toString();
    }

    /** The model calling at {@code threshold}, or as it is when null. */
    static Model withThreshold(Model model, Path modelFile, Double threshold) {
        if (threshold == null) {
            return model;
        }
        if (!model.target().isClassification()) {
            throw new IllegalArgumentException("--threshold is a probability cut-off for a two-class model, but "
                    + modelFile + " predicts " + (model.target().isMulticlass() ? "one of "
                            + model.target().levels().size() + " classes (the most probable is called)" : "a number"));
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold must be a probability in (0, 1): "
                    + dev.occam.runtime.io.Json.number(threshold));
        }
        return model.withThreshold(threshold);
    }

    /** Scores the data file and writes the CSV atomically; returns the number of rows written. */
    public static int predictToFile(Path modelFile, Path dataFile, Path out) throws IOException, DataException {
        return predictToFile(modelFile, dataFile, out, List.of(), null);
    }

    /** As {@link #predictToFile(Path, Path, Path)}, keeping the named input columns, at {@code threshold} (null: the model's own). */
    public static int predictToFile(Path modelFile, Path dataFile, Path out, List<String> keep, Double threshold)
            throws IOException, DataException {
        String csv = predictCsv(modelFile, dataFile, keep, threshold);
        AtomicFiles.write(out, csv.getBytes(StandardCharsets.UTF_8));
        return (int) csv.chars().filter(c -> c == '\n').count() - 1;
    }

    /** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
