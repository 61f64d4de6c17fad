/**
 * Rung 4 of the ladder: {@link dev.occam.core.learn.boosting.GradientBoosting}, gradient-boosted trees
 * trained by XGBoost (Chen &amp; Guestrin, <i>XGBoost: A Scalable Tree Boosting System</i>, KDD 2016) and
 * read back from XGBoost's JSON model into a pure-Java {@link dev.occam.runtime.scorer.TreeEnsembleScorer}
 * that reproduces XGBoost's float32 arithmetic. Only training touches native code, and only in this
 * package; where the native library does not load, the learner says why
 * ({@link dev.occam.core.learn.Learner#unavailableReason()}) instead of failing the ladder. Stage: learn.
 * Design notes: {@code docs/boosting.md}.
 */
package dev.occam.core.learn.boosting;
