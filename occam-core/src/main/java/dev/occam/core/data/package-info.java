/**
 * Loading tabular data: {@link dev.occam.core.data.DataLoader} reads a CSV or Parquet file, an SQL query
 * on the embedded DuckDB or a query on any JDBC database into an in-memory
 * {@link dev.occam.runtime.data.Frame}, and {@link dev.occam.core.data.DataFingerprint} records which data
 * a model saw. This is the first stage of the data flow: data, then features, then learners, then
 * evaluation and selection.
 */
package dev.occam.core.data;
