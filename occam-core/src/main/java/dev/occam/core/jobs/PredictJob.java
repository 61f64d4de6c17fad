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
        return predictCsv(modelFile, dataFile, List.of());
    }

    /**
     * Scores the data file and returns the CSV text, with the columns {@code keep} names copied from the input in
     * front of the predictions (see {@link KeptColumns}).
     */
    public static String predictCsv(Path modelFile, Path dataFile, List<String> keep) throws IOException,
            DataException {
        Model model = ModelFile.load(modelFile);
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

    /** Scores the data file and writes the CSV atomically; returns the number of rows written. */
    public static int predictToFile(Path modelFile, Path dataFile, Path out) throws IOException, DataException {
        return predictToFile(modelFile, dataFile, out, List.of());
    }

    /** As {@link #predictToFile(Path, Path, Path)}, keeping the named input columns. */
    public static int predictToFile(Path modelFile, Path dataFile, Path out, List<String> keep) throws IOException,
            DataException {
        String csv = predictCsv(modelFile, dataFile, keep);
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
