package dev.occam.core.usecase;

import dev.occam.runtime.io.Json;

/**
 * What a wrong decision costs, in any one unit (money, hours, points): {@code costs: {false_positive: 1,
 * false_negative: 10}}. With costs the decision threshold is the one that minimises the expected cost per row on
 * out-of-fold predictions ({@code evaluate.CostThreshold}) instead of the one that calls positive the observed
 * share; right decisions cost nothing. Two classes only.
 *
 * @param falsePositive the cost of calling a row positive when it is negative, finite and &gt;= 0
 * @param falseNegative the cost of calling a row negative when it is positive, finite and &gt;= 0
 */
public record Costs(double falsePositive, double falseNegative) {

    public Costs {
        check("costs.false_positive", falsePositive);
        check("costs.false_negative", falseNegative);
        if (falsePositive == 0 && falseNegative == 0) {
            throw new KeyedArgumentException("costs", "costs are both 0, so every threshold costs nothing; give"
                    + " false_positive and false_negative the cost of each mistake, such as {false_positive: 1,"
                    + " false_negative: 10}");
        }
    }

    private static void check(String key, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new KeyedArgumentException(key, key + " must be a finite number >= 0: " + Json.number(value));
        }
    }

    /** The cost of {@code fp} false positives and {@code fn} false negatives. */
    public double of(long fp, long fn) {
        return falsePositive * fp + falseNegative * fn;
    }

    /** As written in the use case, such as {@code false_positive 1, false_negative 10}. */
    public String describe() {
        return "false_positive " + Json.number(falsePositive) + ", false_negative " + Json.number(falseNegative);
    }
}
