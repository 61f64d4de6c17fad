/**
 * k nearest neighbours, rung 3 of the ladder: {@link dev.occam.core.learn.neighbours.NearestNeighbours} stores
 * the prepared training rows in a runtime {@link dev.occam.runtime.scorer.NeighboursScorer}, which answers
 * with an exact k-d tree search. Its {@code pipeline()} imputes, standardises the numbers and encodes the
 * levels as 0/1 indicators inside each fold, since distances depend on scale. Stage: learn.
 */
package dev.occam.core.learn.neighbours;
