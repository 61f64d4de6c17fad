package dev.occam.core.explain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.data.Target;
import dev.occam.core.evaluate.Fold;
import dev.occam.core.evaluate.FoldModels;
import dev.occam.core.evaluate.Metric;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What a model relies on and how its score moves, for any family: permutation importance of each raw
 * feature (see {@link PermutationImportance}), partial dependence of the features (see
 * {@link PartialDependence}), and for the linear family the coefficient table (see
 * {@link CoefficientTable}).
 *
 * <p>{@link #crossValidated} is what {@code occam fit} computes for the chosen model: importance on the
 * held-out rows of the same folds the selection used, scored by the fold models the selection scored,
 * partial dependence of the most important features
 * with the model refitted on all rows. {@link #of} serves a model file and new data without the use case
 * ({@code occam explain}): importance when the true values are known, partial dependence always.
 *
 * @param basis where the importance was measured, in words ("held-out rows of 5x2 cross-validation"); null
 *     without importance
 * @param metric the metric whose loss is the importance; null without importance
 * @param repeats shuffles per feature (and fold)
 * @param importance most important first; empty when no true values were given
 * @param partialDependence in importance order when there is importance, else in the model's feature order
 * @param coefficients the linear family's table, or null for other families
 */
public record GlobalExplanation(String basis, Metric metric, int repeats, List<FeatureImportance> importance,
        List<PartialDependence.Curve> partialDependence, CoefficientTable coefficients) {

    /** How many of the most important features get a partial-dependence curve in {@code occam fit}. */
    public static final int TOP_FEATURES = 5;

    public GlobalExplanation {
        importance = List.copyOf(importance);
        partialDependence = List.copyOf(partialDependence);
    }

    /**
     * The explanation of a model on data it was not fitted on, without the use case.
     *
     * @param truth true values aligned with the rows (1/0 for the positive/negative class), or null when the
     *     data have no target: then there is no importance, only partial dependence
     * @param metric the metric of the importance; null picks the task's default (AUC or RMSE)
     * @return importance of every feature with {@link PermutationImportance#DEFAULT_REPEATS} shuffles, partial
     *     dependence of every feature on up to {@link PartialDependence#DEFAULT_ROWS} rows sampled with the seed
     * @throws IllegalArgumentException when the data lack a column the model reads, truth and data differ in
     *     length, or the metric is for the other task
     */
    public static GlobalExplanation of(Model model, Frame data, double[] truth, Metric metric, long seed) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Metric m = metric != null ? metric : Metric.defaultFor(model.target().task());
        if (!m.supports(model.target().task())) {
            throw new IllegalArgumentException("metric " + m.key() + " does not fit a "
                    + model.target().task().word() + " model");
        }
        List<FeatureImportance> importance = truth == null ? List.of()
                : PermutationImportance.onData(model, data, truth, m, PermutationImportance.DEFAULT_REPEATS, seed);
        List<String> order = truth == null ? model.schema().names() : names(importance);
        // Partial dependence draws one score; a multiclass model has one per class, which it does not draw yet.
        List<PartialDependence.Curve> pd = model.target().isMulticlass() ? List.of()
                : PartialDependence.of(model, data, order, PartialDependence.DEFAULT_GRID,
                        PartialDependence.DEFAULT_ROWS, seed);
        return new GlobalExplanation(truth == null ? null : "the given " + data.rows() + " rows",
                truth == null ? null : m, truth == null ? 0 : PermutationImportance.DEFAULT_REPEATS, importance, pd,
                CoefficientTable.of(model).orElse(null));
    }

    /**
     * The explanation {@code occam fit} writes for its chosen model: importance on the held-out rows of
     * every fold, with the fold models its evaluation kept (nothing is refitted), partial dependence of the
     * {@link #TOP_FEATURES} most important features with {@code full} (the learner fitted on all rows) on a
     * seeded sample of the rows.
     *
     * @param folds the chosen candidate's fold models, as {@link dev.occam.core.evaluate.CrossValidation} kept them
     * @param executor runs the importance's work; the numbers do not depend on it
     * @throws IllegalArgumentException when a fold holds out fewer than two rows (the message says so)
     */
    public static GlobalExplanation crossValidated(FoldModels folds, Model full, Frame features, Target target,
            Metric metric, long seed, Executor executor) {
        List<FeatureImportance> importance = PermutationImportance.crossValidated(folds, features, target, metric,
                PermutationImportance.DEFAULT_REPEATS, seed, executor);
        List<String> top = names(importance);
        top = top.subList(0, Math.min(TOP_FEATURES, top.size()));
        List<PartialDependence.Curve> pd = full.target().isMulticlass() ? List.of()
                : PartialDependence.of(full, features, top, PartialDependence.DEFAULT_GRID,
                        PartialDependence.DEFAULT_ROWS, seed);
        int repeats = folds.folds().stream().mapToInt(Fold::repeat).max().orElse(0) + 1;
        int k = folds.size() / repeats;
        int largestFold = folds.folds().stream().mapToInt(f -> f.test().length).max().orElse(0);
        String rows = largestFold > PermutationImportance.MAX_ROWS_PER_FOLD
                ? "a seeded sample of " + PermutationImportance.MAX_ROWS_PER_FOLD + " held-out rows per fold (of up to "
                        + largestFold + ")"
                : "held-out rows";
        return new GlobalExplanation(rows + " of " + k + "x" + repeats + " cross-validation, "
                + folds.family() + "'s fold models", metric, PermutationImportance.DEFAULT_REPEATS,
                importance, pd, CoefficientTable.of(full).orElse(null));
    }

    private static List<String> names(List<FeatureImportance> importance) {
        List<String> out = new ArrayList<>(importance.size());
        importance.forEach(i -> out.add(i.feature()));
        return out;
    }

    /**
     * The explanation as the {@code explanation} section of {@code card.json}: {@code importance} (feature,
     * mean_drop, sd, evaluations), {@code partial_dependence} (feature, type, grid or levels, mean_score),
     * and {@code coefficients} for the linear family. Undefined numbers are written as null.
     */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode imp = root.putObject("permutation_importance");
        imp.put("method", "drop in the metric when one feature is shuffled (Breiman 2001; Fisher, Rudin & Dominici"
                + " 2019); positive = worse without the feature");
        if (basis != null) {
            imp.put("on", basis);
            imp.put("metric", metric.key());
            imp.put("shuffles", repeats);
            imp.put("sd", "sample standard deviation over every (fold, shuffle) loss");
        }
        ArrayNode ranking = imp.putArray("ranking");
        for (FeatureImportance i : importance) {
            ObjectNode n = ranking.addObject();
            n.put("feature", i.feature());
            number(n, "mean_drop", i.meanDrop());
            number(n, "sd", i.standardDeviation());
            n.put("evaluations", i.evaluations());
        }
        ObjectNode pd = root.putObject("partial_dependence");
        pd.put("method", "mean score with the feature set to each grid value (Friedman 2001)");
        ArrayNode curves = pd.putArray("features");
        for (PartialDependence.Curve c : partialDependence) {
            ObjectNode n = curves.addObject();
            n.put("feature", c.feature());
            n.put("type", c.categorical() ? "categorical" : "numeric");
            n.put("rows", c.rows());
            ArrayNode at = n.putArray(c.categorical() ? "levels" : "grid");
            if (c.categorical()) {
                c.levels().forEach(at::add);
            } else {
                for (double g : c.grid()) {
                    at.add(g);
                }
            }
            ArrayNode scores = n.putArray("mean_score");
            for (double s : c.meanScore()) {
                if (Double.isFinite(s)) {
                    scores.add(s);
                } else {
                    scores.addNull();
                }
            }
        }
        if (coefficients != null) {
            ObjectNode table = root.putObject("coefficients");
            table.put("link", coefficients.link().name().toLowerCase(java.util.Locale.ROOT));
            if (coefficients.statistic() != null) {
                table.put("statistic", coefficients.statistic());
            } else {
                table.putNull("statistic");
            }
            table.put("confidence", coefficients.confidence());
            number(table, "critical_value", coefficients.criticalValue());
            number(table, "df", coefficients.degreesOfFreedom());
            ArrayNode terms = table.putArray("terms");
            for (CoefficientTable.Term t : coefficients.terms()) {
                ObjectNode n = terms.addObject();
                n.put("term", t.name());
                number(n, "estimate", t.estimate());
                number(n, "std_error", t.standardError());
                number(n, "statistic", t.statistic());
                number(n, "p_value", t.pValue());
                number(n, "low", t.low());
                number(n, "high", t.high());
                if (coefficients.hasOddsRatios()) {
                    number(n, "odds_ratio", t.oddsRatio());
                    number(n, "odds_ratio_low", t.oddsRatioLow());
                    number(n, "odds_ratio_high", t.oddsRatioHigh());
                }
                if (t.aliased()) {
                    n.put("aliased", true);
                }
            }
        }
        return root;
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }
}
