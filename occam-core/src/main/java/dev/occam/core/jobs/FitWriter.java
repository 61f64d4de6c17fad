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
 * {@code leaderboard.json}, {@code model.json} (removed when nothing deployable was chosen), {@code card.json}
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
        if (result.model() != null) {
            ObjectNode provenance = JsonNodeFactory.instance.objectNode();
            provenance.put("use_case", result.useCase().name());
            ModelFile.save(result.model(), modelFile, provenance);
        } else {
            // A model file left from an earlier run would contradict this run's card.
            Files.deleteIfExists(modelFile);
        }
        AtomicFiles.write(outputDirectory.resolve(Results.CARD),
                Results.bytes(ModelCard.build(result, source, table, features)));
        AtomicFiles.write(outputDirectory.resolve(Results.REPORT_DATA),
                Results.bytes(ReportDataBuilder.build(result, table, features)));
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
                    e.p50Micros(), e.p99Micros()));
        }
        var verdict = result.verdict();
        return new Leaderboard(result.useCase().name(), result.metric().key(), result.metric().higherIsBetter(),
                result.splitter().k(), result.splitter().repeats(),
                result.splitter().describe(result.target().info().task().isCategorical()), result.useCase().selection().seed(),
                verdict.rule().key(), verdict.alpha(), verdict.chosen() != null ? verdict.chosen().id() : null,
                candidates);
    }
}
