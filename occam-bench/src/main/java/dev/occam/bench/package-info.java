/**
 * Measurement tooling, not part of Occam: {@link dev.occam.bench.MakeData} (seeded synthetic data),
 * {@link dev.occam.bench.WriteFolds} (Occam's own folds for a CSV, so its peers are scored on the same rows) and
 * the JMH single-row scoring benchmark {@link dev.occam.bench.ScoringBenchmark}. Run through the scripts in
 * {@code bench/}; see docs/performance.md.
 */
package dev.occam.bench;
