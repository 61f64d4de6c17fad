package dev.occam.export;

import dev.occam.runtime.Model;
import dev.occam.runtime.io.AtomicFiles;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.ScorecardScorer;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import dev.occam.runtime.scorer.TreeScorer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a fitted {@link Model} in a format other tools score: PMML 4.4 for the glass-box families
 * (logistic, linear, lasso, scorecard, decision tree) and ONNX for the linear models and the trees
 * (decision tree, random forest, boosting). Preparation, calibration and the decision threshold go into the
 * file, so the exported model answers raw rows as {@code occam predict} does. Multiclass models, the other
 * families and the prediction interval are not exported (the message says which).
 */
public final class ModelExport {

    /** The formats {@code occam export --format} writes. */
    public enum Format {
        PMML, ONNX;

        /** @throws IllegalArgumentException naming the word and the formats there are */
        public static Format parse(String word) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(word)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown export format '" + word + "': use pmml or onnx");
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ModelExport() {
    }

    /** Whether PMML export writes this model's scorer (the glass-box families). */
    public static boolean hasPmml(Model model) {
        return model.scorer() instanceof LinearScorer || model.scorer() instanceof ScorecardScorer
                || model.scorer() instanceof TreeScorer;
    }

    /** Whether ONNX export writes this model's scorer (linear models and trees). */
    public static boolean hasOnnx(Model model) {
        return model.scorer() instanceof LinearScorer || model.scorer() instanceof TreeScorer
                || model.scorer() instanceof TreeEnsembleScorer;
    }

    /**
     * The threshold an exported file calls the positive class at: the model's, less 1e-12. The threshold is chosen
     * among the training rows' scores, so a tree's whole leaf (or a calibrated score) often sits exactly on it;
     * another runtime's {@code exp} may differ from Java's in the last bit, and would call those rows the other
     * way. No score lies within 1e-12 below a threshold but by such rounding.
     */
    static double callThreshold(Model model) {
        return model.threshold() - 1e-12;
    }

    /**
     * The model as the bytes of a file of the format.
     *
     * @param producerVersion Occam's version, recorded in the file
     * @throws IllegalArgumentException when the model has no form in that format, in words naming the family
     */
    public static byte[] bytes(Model model, Format format, String producerVersion) {
        return format == Format.PMML ? PmmlWriter.write(model, producerVersion).getBytes(StandardCharsets.UTF_8)
                : OnnxWriter.write(model, producerVersion);
    }

    /** Writes the model to {@code out} as a whole (a reader never sees half a file). */
    public static void write(Model model, Format format, Path out, String producerVersion) throws IOException {
        AtomicFiles.write(out, bytes(model, format, producerVersion));
    }
}
