package dev.occam.report;

import dev.occam.results.Card;
import dev.occam.results.Leaderboard;
import dev.occam.results.ReportData;

/**
 * What a report is rendered from, as read from the fit's output folder. A card may be partial (a section it
 * lacks is rendered as missing), so every part is read null-safely.
 *
 * @param card {@code card.json}
 * @param leaderboard {@code leaderboard.json}, or null when the folder has none
 * @param reportData {@code report-data.json} (curves, example decisions, histograms), or null when the folder has none
 * @param modelDescription {@code Model.describe()} of {@code model.json}, or null when no model was written
 */
record ReportInputs(Card card, Leaderboard leaderboard, ReportData reportData, String modelDescription) {
}
