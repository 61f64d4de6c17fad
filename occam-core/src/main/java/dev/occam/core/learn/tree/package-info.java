/**
 * A single decision tree: CART (Breiman, Friedman, Olshen &amp; Stone, <i>Classification and Regression
 * Trees</i>, 1984) with the defaults and the complexity-parameter semantics of R's {@code rpart}
 * (Therneau &amp; Atkinson, "An Introduction to Recursive Partitioning Using the RPART Routines").
 * {@link dev.occam.core.learn.tree.DecisionTree} is the learner; it fits a
 * {@link dev.occam.runtime.scorer.TreeScorer} on raw frames, with missing values and categories as
 * they are. {@link dev.occam.core.learn.tree.ForestGrower} lends the same split search to the random
 * forest: bootstrap samples, random feature subsets, no pruning. Stage: learn.
 */
package dev.occam.core.learn.tree;
