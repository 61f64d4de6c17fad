package dev.occam.core.evaluate;

import dev.occam.core.data.Target;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sanity checks on a model refitted on all rows, before anything is written: a model that fails one is a defect
 * of the fit, whatever its cross-validated score, and is never shipped.
 *
 * <ul>
 *   <li>It converged, by its own diagnostics (see {@link Model#diagnostics()}).</li>
 *   <li>It scores its own training rows at least as well as a constant: a classifier ranks them with AUC of at
 *       least 0.5 (a constant's), a regression's squared error is at most the variance about the mean (the
 *       constant's). A model fitted on these very rows that does worse has gone wrong (a logistic regression
 *       whose iterations diverged under separation ranks them backwards).</li>
 *   <li>Its score on its training rows is consistent with its folds: not worse than the cross-validated mean
 *       of the selection metric by more than three fold standard deviations (or 1% of the mean, whichever is
 *       larger). A refit sees more rows than any fold model and is scored on rows it was fitted to, so it
 *       should do at least as well.</li>
 * </ul>
 *
 * <p>Training rows are scored on a seeded sample of at most {@link #MAX_ROWS} rows, so the check costs one
 * bounded pass whatever the size of the data.
 */
public final class RefitCheck {

    /** Rows scored at most; 20,000 rows put a sample AUC within about ±0.01 of the full one. */
    public static final int MAX_ROWS = 20_000;

    private RefitCheck() {
    }

    /**
     * What is wrong with the refit model, one sentence each; empty when it passes.
     *
     * @param evaluation the candidate's cross-validation (per-fold values of {@code metric})
     */
    public static List<String> problems(Model model, Frame features, Target target, Metric metric,
            Evaluation evaluation, long seed) {
        List<String> out = new ArrayList<>();
        if (!model.diagnostics().converged()) {
            out.add("the model refitted on all rows did not converge"
                    + (model.diagnostics().findings().isEmpty() ? ""
                            : " (" + String.join(" ", model.diagnostics().findings()) + ")"));
        }
        int[] rows = sample(target.size(), seed);
        Frame x = rows == null ? features : features.view(rows); // scored once, row by row: no copy needed
        Target y = rows == null ? target : target.select(rows);
        String on = rows == null ? "" : String.format(Locale.ROOT, " (a seeded sample of %,d rows)", rows.length);
        if (target.isMulticlass()) {
            multiclassProblems(model, x, y, metric, evaluation, on, out);
            return out;
        }
        double[] scores = model.score(x);
        for (double s : scores) {
            if (!Double.isFinite(s)) {
                out.add("the model refitted on all rows gives a non-finite score on its own training rows");
                return out;
            }
        }
        if (target.isClassification()) {
            double auc = Metric.AUC.compute(y.values(), scores, 0.5);
            if (auc < 0.5) {
                out.add(String.format(Locale.ROOT, "the model refitted on all rows ranks its own training rows%s "
                        + "backwards: AUC %.3f, below a constant's 0.5", on, auc));
            }
        } else {
            double mse = Metric.RMSE.compute(y.values(), scores, Double.NaN);
            mse *= mse;
            double variance = variance(y.values());
            if (mse > variance * (1 + 1e-9)) {
                out.add(String.format(Locale.ROOT, "the model refitted on all rows predicts its own training rows%s "
                        + "worse than their mean does: mean squared error %s against %s", on, round(mse),
                        round(variance)));
            }
        }
        if (evaluation.succeeded() && !Double.isNaN(evaluation.mean())) {
            requireConsistentWithFolds(metric.compute(y.values(), scores, model.threshold()), metric, evaluation, on,
                    out);
        }
        return out;
    }

    /** The same checks on the class probabilities: finite, macro AUC at least 0.5, not worse than its folds. */
    private static void multiclassProblems(Model model, Frame x, Target y, Metric metric, Evaluation evaluation,
            String on, List<String> out) {
        double[][] p = model.scoreClasses(x);
        for (double[] row : p) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    out.add("the model refitted on all rows gives a non-finite probability on its own training rows");
                    return;
                }
            }
        }
        int[] truth = y.classCodes();
        double auc = Metric.MACRO_AUC.computeClasses(truth, p);
        if (auc < 0.5) {
            out.add(String.format(Locale.ROOT, "the model refitted on all rows ranks its own training rows%s "
                    + "backwards: macro AUC %.3f, below a constant's 0.5", on, auc));
        }
        if (evaluation.succeeded() && !Double.isNaN(evaluation.mean())) {
            requireConsistentWithFolds(metric.computeClasses(truth, p), metric, evaluation, on, out);
        }
    }

    /**
     * The training score against the folds': a problem when worse than the cross-validated mean by more than
     * max(3 fold standard deviations, 1% of the mean).
     */
    private static void requireConsistentWithFolds(double training, Metric metric, Evaluation evaluation, String on,
            List<String> out) {
        double cv = evaluation.mean();
        double margin = Math.max(3 * evaluation.standardDeviation(), 0.01 * Math.abs(cv));
        boolean worse = metric.higherIsBetter() ? training < cv - margin : training > cv + margin;
        if (worse) {
            out.add(String.format(Locale.ROOT, "the model refitted on all rows scores its own training rows%s "
                    + "worse than its folds scored unseen rows: %s %s against %s ± %s held out, a defect of "
                    + "the fit", on, metric.key().toUpperCase(Locale.ROOT), round(training), round(cv),
                    round(evaluation.standardDeviation())));
        }
    }

    private static int[] sample(int n, long seed) {
        return n <= MAX_ROWS ? null : RowSample.ofFirst(n, MAX_ROWS, seed);
    }

    private static double variance(double[] y) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double s = 0;
        for (double v : y) {
            s += (v - mean) * (v - mean);
        }
        return s / y.length;
    }

    private static String round(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
