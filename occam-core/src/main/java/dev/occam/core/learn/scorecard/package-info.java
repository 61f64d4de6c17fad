/**
 * Rung 2 of the ladder, the credit-risk points scorecard (Siddiqi, <i>Credit Risk Scorecards</i>, 2006):
 * {@link dev.occam.core.learn.scorecard.Scorecard} bins every feature on the training rows, codes the bins by
 * their weight of evidence, fits a logistic regression on those codes and shares its log-odds out as points
 * per bin. It produces a {@link dev.occam.runtime.scorer.ScorecardScorer}, which reads raw rows (missing
 * values and categories as they are) and prints the points table a credit officer reads. Stage: learn.
 */
package dev.occam.core.learn.scorecard;
