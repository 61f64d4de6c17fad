/**
 * The last stage of the data flow: renders a fit's {@code card.json}, {@code leaderboard.json},
 * {@code model.json} and {@code report-data.json} into one self-contained HTML page with charts
 * ({@link dev.occam.report.ReportWriter}). No modelling happens here: every number is read from those files.
 */
package dev.occam.report;
