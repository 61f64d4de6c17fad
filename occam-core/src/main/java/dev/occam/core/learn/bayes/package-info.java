/**
 * Naive Bayes, rung 3 of the ladder: {@link dev.occam.core.learn.bayes.NaiveBayes} fits Gaussian likelihoods
 * for numbers and smoothed level tables for categories on raw frames (missing values and unseen levels
 * contribute nothing), producing a runtime {@link dev.occam.runtime.scorer.NaiveBayesScorer}. Stage: learn.
 */
package dev.occam.core.learn.bayes;
