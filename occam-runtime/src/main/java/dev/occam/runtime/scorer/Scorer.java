package dev.occam.runtime.scorer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.runtime.data.Schema;

/**
 * The fitted function at the heart of a model: maps one row, encoded against {@link #input()}, to a
 * score: the probability of the positive class for classification, the predicted value for regression.
 * Implementations are immutable and thread-safe; scoring allocates nothing it keeps.
 */
public sealed interface Scorer permits ConstantScorer, RuleListScorer, LinearScorer, ScorecardScorer,
        TreeScorer, TreeEnsembleScorer, NeighboursScorer, NaiveBayesScorer, MlpScorer {

    Schema input();

    double score(double[] x);

    /** How many numbers the fitted function is made of, by the family's documented definition. */
    long parameterCount();

    /** The scorer as a person reads it: coefficients, rules, a tree. */
    String describe();

    /** The scorer as readable JSON, with a {@code "type"} field naming it. */
    ObjectNode toJson();
}
