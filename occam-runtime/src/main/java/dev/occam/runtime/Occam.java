package dev.occam.runtime;

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
