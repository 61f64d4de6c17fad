/**
 * Rung 5 of the ladder: a small neural network, the "deep" comparator that shows whether anything beyond
 * rules, linear models, trees and ensembles is worth its parameters. Stage: learn.
 *
 * <p>{@link dev.occam.core.learn.neural.MultilayerPerceptron} is the learner and its options; its
 * {@code pipeline()} imputes, standardises the numbers and encodes the levels as 0/1 indicators in front of
 * it. It fits a runtime {@link dev.occam.runtime.scorer.MlpScorer}. Inside, {@code Network} holds the shape and the
 * backpropagation of one row (Rumelhart, Hinton &amp; Williams, 1986) and {@code Trainer} the Adam steps
 * (Kingma &amp; Ba, 2015) and the early stopping (Prechelt, 1998). Plain loops over {@code double[]}, no
 * linear-algebra library: the networks are small and the order of operations must be fixed for
 * bit-identical refits.
 */
package dev.occam.core.learn.neural;
