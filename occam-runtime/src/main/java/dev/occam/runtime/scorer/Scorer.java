package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Schema;

/**
 * The fitted function at the heart of a model: maps one row, encoded against {@link #input()}, to a
 * score: the probability of the positive class for classification, the predicted value for regression.
 * Implementations are immutable and thread-safe; scoring allocates nothing it keeps.
 */
public sealed interface Scorer permits ConstantScorer, RuleListScorer, LinearScorer, ScorecardScorer,
        TreeScorer, TreeEnsembleScorer, NeighboursScorer, NaiveBayesScorer, MlpScorer, MulticlassScorer,
        FormulaScorer {

    Schema input();

    double score(double[] x);

    /**
     * Scores {@code rows[0, count)} into {@code out[0, count)}: {@code out[i] = score(rows[i])}, to the bit. A scorer
     * may order the work differently to keep its parameters in cache (a tree ensemble walks one tree over the whole
     * block before the next), but each row's arithmetic is {@link #score}'s, in the same order.
     */
    default void scoreBlock(double[][] rows, int count, double[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = score(rows[i]);
        }
    }

    /**
     * How many class probabilities {@link #scoreClasses} gives: K >= 3 for a scorer of a multiclass target, 1 for
     * the others (their one score).
     */
    default int classCount() {
        return 1;
    }

    /**
     * Every class's probability for one row, in the target's level order, summing to 1 (multiclass scorers).
     *
     * @throws UnsupportedOperationException for a scorer of one score (two classes or a number)
     */
    default double[] scoreClasses(double[] x) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " scores one value per row, not classes");
    }

    /**
     * The row's score taken apart into contributions that add up exactly (to rounding) to the score on the
     * scorer's scale, against a baseline that does not depend on the row. Each family documents its method
     * (coefficient times distance from the training mean, TreeSHAP, log-likelihood ratios, points against
     * their average, Shapley values sampled against a background). Contributions are reported per group of
     * input columns, group {@code groupOf[c]} for column {@code c}, so that a model can report a raw feature
     * whose value was spread over several prepared columns (indicators) as one; a method that samples
     * (Shapley values) swaps whole groups, so its answer depends on the grouping. Deterministic: the same row
     * always gets the same explanation.
     *
     * @param x a row encoded against {@link #input()}
     * @param groupOf for each input column, its group in {@code [0, groups)}
     * @throws IllegalArgumentException when the grouping does not fit the input
     */
    Attribution attribute(double[] x, int[] groupOf, int groups);

    /** {@link #attribute(double[], int[], int)} with one contribution per input column. */
    default Attribution attribute(double[] x) {
        return attribute(x, Attribution.identity(input().size()), input().size());
    }

    /** How many numbers the fitted function is made of, by the family's documented definition. */
    long parameterCount();

    /** The scorer as a person reads it: coefficients, rules, a tree. */
    String describe();

    /** The scorer as readable JSON, with a {@code "type"} field naming it. */
    ObjectNode toJson();
}
