package dev.occam.runtime;

import dev.occam.runtime.forecast.ForecastModel;
import dev.occam.runtime.segment.Segmentation;
import dev.occam.runtime.segment.SegmentationFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The entry point for embedding a model in a Java service without HTTP:
 *
 * <pre>{@code
 * Model model = Occam.load(Path.of("models/credit-scoring/model.json"));
 * Prediction p = model.predict(Map.of("Income", 120, "Home", "rent", ...));
 * double probability = p.probability();   // of the positive class
 * String decision = p.label();            // the class called at the model's threshold
 * List<String> why = model.explain(Row.of(values)).reasons(3);
 * }</pre>
 *
 * <p>The returned {@link Model} is immutable and thread-safe: load it once and share it between threads.
 * Scoring is pure Java (no native code), and gives bit-identical numbers to {@code occam predict}.
 */
public final class Occam {

    private Occam() {
    }

    /**
     * Loads a model file written by {@code occam fit}.
     *
     * @throws ModelFileException naming the file and what is wrong with it (not JSON, unknown format, bad
     *     checksum, a malformed part)
     * @throws IOException when the file cannot be read
     */
    public static Model load(Path modelFile) throws IOException {
        return ModelFile.load(modelFile);
    }

    /**
     * Loads the model file of a forecasting use case ({@code task: forecast}):
     *
     * <pre>{@code
     * ForecastModel model = Occam.loadForecast(Path.of("out/wine-sales/model.json"));
     * List<ForecastRow> rows = model.forecast(null, 24);   // every series, 24 steps ahead
     * ForecastRow first = rows.get(0);                     // series, time (ISO), forecast, lower_80 .. upper_95
     * }</pre>
     *
     * The rows are those {@code occam predict MODEL --horizon H} writes. The model is immutable and thread-safe.
     *
     * @throws ModelFileException naming the file and what is wrong with it
     * @throws IOException when the file cannot be read
     */
    public static ForecastModel loadForecast(Path modelFile) throws IOException {
        return ForecastModelFile.load(modelFile);
    }

    /**
     * Loads a recommendation model written by {@code occam fit} for a {@code task: recommend} use case:
     * {@code recommend(user, top)}, {@code recommend(user, moreItems, top)} and {@code similar(item, top)}, with
     * item labels and reasons.
     *
     * @throws ModelFileException naming the file and what is wrong with it (not JSON, another format, bad
     *     checksum, a malformed part)
     * @throws IOException when the file cannot be read
     */
    public static dev.occam.runtime.recommend.RecommenderModel loadRecommender(Path modelFile) throws IOException {
        return dev.occam.runtime.recommend.RecommenderModelFile.load(modelFile);
    }

    /**
     * Loads a segmentation written by {@code occam fit} for a {@code task: segment} use case; {@code
     * assign(row)} then gives the row's segment (from 1) and its membership probability.
     *
     * @throws ModelFileException naming the file and what is wrong with it
     * @throws IOException when the file cannot be read
     */
    public static Segmentation loadSegmentation(Path modelFile) throws IOException {
        return SegmentationFile.load(modelFile);
    }
}
