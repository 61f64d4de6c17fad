/**
 * Rule lists: a short ordered list of if-then rules learnt by sequential covering in the manner of CN2
 * (Clark &amp; Niblett, "The CN2 Induction Algorithm", Machine Learning 3, 1989).
 * {@link dev.occam.core.learn.rules.RuleList} is the learner; it fits a
 * {@link dev.occam.runtime.scorer.RuleListScorer} on raw frames, with missing values and categories as
 * they are. Stage: learn.
 */
package dev.occam.core.learn.rules;
