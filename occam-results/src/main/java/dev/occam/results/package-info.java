/**
 * The documents a fit writes into its folder, as records serialised by Jackson: {@link dev.occam.results.Card}
 * ({@code card.json}), {@link dev.occam.results.Leaderboard} ({@code leaderboard.json}) and
 * {@link dev.occam.results.ReportData} ({@code report-data.json}). Core builds them, the report reads them; this
 * module depends on Jackson only, so the report needs neither DuckDB nor XGBoost.
 */
package dev.occam.results;
