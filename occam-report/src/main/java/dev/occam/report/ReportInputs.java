package dev.occam.report;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a report is rendered from, as read from the fit's output folder.
 *
 * @param card {@code card.json}
 * @param leaderboard {@code leaderboard.json}, or an empty object
 * @param reportData {@code report-data.json} (curves, example decisions, histograms), or an empty object
 * @param modelDescription {@code Model.describe()} of {@code model.json}, or null when no model was written
 */
record ReportInputs(JsonNode card, JsonNode leaderboard, JsonNode reportData, String modelDescription) {
}
