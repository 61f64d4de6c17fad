/**
 * Rung 4 of the ladder: {@link dev.occam.core.learn.forest.RandomForest}, Breiman's random forest
 * (<i>Random Forests</i>, Machine Learning 45, 2001) grown with the project's CART split search
 * ({@link dev.occam.core.learn.tree.ForestGrower}): bootstrap samples, a random subset of features at
 * each split, unpruned trees, scores averaged into a {@link dev.occam.runtime.scorer.TreeEnsembleScorer}.
 * Reads raw frames, with missing values and categories as they are. Pure Java, seeded, deterministic.
 * Stage: learn. Design notes: {@code docs/forest.md}.
 */
package dev.occam.core.learn.forest;
