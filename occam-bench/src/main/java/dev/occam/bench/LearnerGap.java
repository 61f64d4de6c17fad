package dev.occam.bench;

import dev.occam.core.data.DataLoader;
import dev.occam.core.data.DataSource;
import dev.occam.core.data.LabelledData;
import dev.occam.core.evaluate.CrossValidation;
import dev.occam.core.evaluate.Evaluation;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.Folds;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.ladder.Candidate;
import dev.occam.core.ladder.Ladder;
import dev.occam.core.usecase.CandidateSpec;
import dev.occam.runtime.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One learner's cross-validated metric on Occam's folds (5 x 2, seed 42: the folds {@link WriteFolds} writes for
 * the peers), without the rest of a fit: the side of {@code bench/learner-gap.sh} that runs Occam. Prints one line
 * per fold and the mean and standard deviation over the folds, AUC for two classes, RMSE for regression.
 *
 * <pre>java -cp ... dev.occam.bench.LearnerGap DATA.csv TARGET POSITIVE|- FAMILY [option=value ...]</pre>
 *
 * Options are the family's use-case options ({@code k=15}, {@code weighting=distance}, {@code hidden_layers=32});
 * a value that reads as true or false, a whole number or a number is passed as one.
 */
public final class LearnerGap {

    private LearnerGap() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LearnerGap DATA.csv TARGET POSITIVE|- FAMILY [option=value ...]");
            System.exit(2);
        }
        String positive = args[2].equals("-") ? null : args[2];
        Map<String, Object> options = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("option '" + args[i] + "' is not name=value");
            }
            options.put(args[i].substring(0, eq), value(args[i].substring(eq + 1)));
        }
        Task task = positive == null ? Task.REGRESSION : Task.CLASSIFICATION;
        LabelledData data = LabelledData.of(DataLoader.load(DataSource.file(Path.of(args[0]))), args[1], task,
                positive, List.of());
        CandidateSpec spec = new CandidateSpec(args[3], args[3], options, null, null, Map.of());
        Candidate.OfLearner candidate = (Candidate.OfLearner) Ladder.candidates(task, List.of(spec), null, Map.of())
                .get(0);
        double[] classes = positive == null ? null : data.target().values();
        List<Fold> folds = Folds.repeatedKFold(42, data.target().size(), 5, 2, classes);
        Metric metric = Metric.defaultFor(task);
        long started = System.nanoTime();
        Evaluation e = CrossValidation.evaluate(candidate.learner(), data.features(), data.target(), folds, metric,
                null, null);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!e.succeeded()) {
            throw new IllegalStateException(e.failure());
        }
        List<String> values = new ArrayList<>();
        for (double v : e.values()) {
            values.add(String.format(Locale.ROOT, "%.4f", v));
        }
        System.out.printf(Locale.ROOT, "occam   %-6s %s %s mean %.4f sd %.4f (%d folds) %.1f s  folds: %s%n", args[3],
                options, metric.key(), e.mean(), e.standardDeviation(), folds.size(), seconds,
                String.join(" ", values));
    }

    private static Object value(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }
}
