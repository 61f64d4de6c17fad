package dev.occam.core.evaluate;

/** The score of one learner on one fold, and what it cost. */
public record FoldResult(int repeat, int fold, double value, double fitMillis, int trainRows, int testRows) {
}
