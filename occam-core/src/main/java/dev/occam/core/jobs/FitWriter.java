package dev.occam.core.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.occam.core.card.ModelCard;
import dev.occam.core.data.DataSource;
import dev.occam.core.evaluate.FoldResult;
import dev.occam.core.evaluate.Reliability;
import dev.occam.core.select.Constraints;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.results.Leaderboard;
import dev.occam.results.Results;
import dev.occam.runtime.ModelFile;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a finished fit into its folder, each file atomically (a reader never sees half a file):
 * {@code leaderboard.json}, {@code model.json} (absent when nothing deployable was chosen), {@code card.json} (naming the
 * SHA-256 of the {@code model.json} it describes, {@code model_sha256})
 * and {@code report-data.json}. The documents are the records of {@code occam-results}. Public so that another
 * engine ({@link FitEngine}) writes the same files.
 */
public final class FitWriter {

    private FitWriter() {
    }

    /**
     * @param table the rows as read (the card's schema, the report's histograms)
     * @param features the columns the candidates were fitted on
     */
    public static void write(FitResult result, DataSource source, Frame table, Frame features, Path outputDirectory)
            throws IOException {
        AtomicFiles.write(outputDirectory.resolve(Results.LEADERBOARD), Results.bytes(leaderboard(result)));
        Path modelFile = outputDirectory.resolve("model.json");
        String modelSha256 = null;
        if (result.model() != null) {
            ObjectNode provenance = JsonNodeFactory.instance.objectNode();
            provenance.put("use_case", result.useCase().name());
            ModelFile.save(result.model(), modelFile, provenance);
            modelSha256 = sha256(Files.readAllBytes(modelFile));
        }
        // No model: nothing is deleted here. The folder is a fresh set (OutputSet) when written by occam fit, and a
        // model left in a folder reused by hand is the caller's to remove.
        AtomicFiles.write(outputDirectory.resolve(Results.CARD),
                Results.bytes(ModelCard.build(result, source, table, features).withModelSha256(modelSha256)));
        AtomicFiles.write(outputDirectory.resolve(Results.REPORT_DATA),
                Results.bytes(ReportDataBuilder.build(result, table, features)));
    }

    /** Lowercase hex SHA-256, what {@code sha256sum} prints, so the card's {@code model_sha256} can be checked by hand. */
    static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The other metrics as written: mean, sd and per-fold values; null when there are none. */
    static java.util.Map<String, Leaderboard.Summary> summaries(dev.occam.core.evaluate.FoldMetrics metrics) {
        if (metrics.values().isEmpty()) {
            return null;
        }
        java.util.Map<String, Leaderboard.Summary> out = new java.util.LinkedHashMap<>();
        metrics.values().forEach((key, folds) -> out.put(key, new Leaderboard.Summary(
                dev.occam.core.evaluate.FoldMetrics.mean(folds), dev.occam.core.evaluate.FoldMetrics.sd(folds), folds)));
        return out;
    }

    /** Every candidate's line: per-fold values, mean and sd, comparison with the best, eligibility, times. */
    static Leaderboard leaderboard(FitResult result) {
        List<Leaderboard.Candidate> candidates = new ArrayList<>();
        for (LeaderboardEntry e : result.entries()) {
            Reliability reliability = result.reliability(e);
            double[] folds = e.evaluation().folds().stream().mapToDouble(FoldResult::value).toArray();
            String fixed = null;
            String timed = null;
            if (e.whyNotEligible() != null) {
                // Reasons resting on a measured time go apart, like the times themselves.
                List<String> f = e.ineligibleBecause().stream()
                        .filter(r -> !r.startsWith(Constraints.LATENCY_REASON)).toList();
                List<String> t = e.ineligibleBecause().stream()
                        .filter(r -> r.startsWith(Constraints.LATENCY_REASON)).toList();
                fixed = f.isEmpty() ? null : String.join("; ", f);
                timed = t.isEmpty() ? null : String.join("; ", t);
            }
            var versus = e.versusBest();
            candidates.add(new Leaderboard.Candidate(e.rung(), e.id(), e.family(), ModelCard.options(e), result.metric().key(),
                    e.evaluation().mean(), e.evaluation().standardDeviation(),
                    reliability != null ? reliability.brier() : null, reliability != null ? reliability.ece() : null,
                    folds, e.parameters() >= 0 ? e.parameters() : null, e.interpretable(), e.eligible(),
                    e.deployable(), fixed, timed, versus != null ? versus.meanDifference() : null,
                    versus != null ? versus.low() : null, versus != null ? versus.high() : null,
                    versus != null ? versus.pValue() : Double.NaN, e.chosen(), e.evaluation().meanFitMillis(),
                    e.p50Micros(), e.p99Micros(), summaries(e.metrics())));
        }
        var verdict = result.verdict();
        return new Leaderboard(result.useCase().name(), result.metric().key(), result.metric().higherIsBetter(),
                result.splitter().k(), result.splitter().repeats(),
                result.splitter().describe(result.target().info().task().isCategorical()), result.useCase().selection().seed(),
                verdict.rule().key(), verdict.alpha(), verdict.chosen() != null ? verdict.chosen().id() : null,
                candidates);
    }
}
