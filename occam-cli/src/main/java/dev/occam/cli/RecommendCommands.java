package dev.occam.cli;

import dev.occam.core.jobs.RecommendJob;
import dev.occam.core.jobs.RecommendPredictJob;
import dev.occam.results.Recommendation;
import dev.occam.runtime.recommend.RecommenderModel;
import dev.occam.runtime.recommend.RecommenderModelFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What {@code occam fit} prints and {@code occam predict} does for a {@code task: recommend} use case and its model. */
final class RecommendCommands {

    private RecommendCommands() {
    }

    /** The leaderboard, the verdict and example users of a recommendation fit written to {@code dir}. */
    static void print(RecommendJob.Outcome outcome, Path dir, PrintWriter out) {
        Recommendation.Leaderboard board = outcome.leaderboard();
        Recommendation.Card card = outcome.card();
        out.printf(Locale.ROOT, "%s: %,d interactions, %,d users, %,d items; %s%n", card.name(), card.data().interactions(),
                card.data().users(), card.data().items(), board.split());
        out.printf(Locale.ROOT, "%-4s %-18s %8s %9s %8s %8s %10s %10s %9s %8s%n", "rung", "model", "ndcg@10", "recall@10",
                "map@10", "coverage", "popularity", "vs best", "params", "fit s");
        for (Recommendation.Rung r : board.rungs()) {
            if (r.failure() != null) {
                out.printf(Locale.ROOT, "%-4d %-18s %s%n", r.rung(), r.model(), r.failure());
                continue;
            }
            String versus = r.pValueVsBest() == null ? "best" : String.format(Locale.ROOT, "%+.3f", r.differenceVsBest())
                    + (r.pValueVsBest() < board.alpha() ? "*" : "");
            out.printf(Locale.ROOT, "%-4d %-18s %8.3f %9.3f %8.3f %7.1f%% %10.3f %10s %9s %8.2f%n", r.rung(),
                    (r.chosen() ? "> " : "") + r.model(), r.ndcg(), r.recall(), r.map(), 100 * r.coverage(),
                    r.recommendedPopularity(), versus, r.parameters() == null ? "-" : String.format(Locale.ROOT, "%,d",
                            r.parameters()), r.fitSeconds());
        }
        out.printf(Locale.ROOT, "(* significantly different from the best; %s; popularity: the mean share of users who"
                + " had a recommended item, %.3f for the held-out items)%n", board.test(),
                board.rungs().stream().filter(r -> r.failure() == null).findFirst().map(Recommendation.Rung::heldOutPopularity)
                        .orElse(Double.NaN));
        out.println();
        card.reasons().forEach(r -> out.println("- " + r));
        out.println(card.success().verdict());
        for (Recommendation.Example e : card.examples()) {
            out.println();
            out.println(e.user() + (e.history().isEmpty() ? " (no history)" : " has " + String.join(", ", e.history())) + ":");
            for (Recommendation.Item i : e.recommended()) {
                out.printf(Locale.ROOT, "  %d. %s: %s%n", i.rank(), i.item(), i.reason());
            }
        }
        out.println();
        out.printf(Locale.ROOT, "wrote %s (model.json, card.json, leaderboard.json, report.html) in %.1f s%n", dir,
                outcome.seconds());
    }

    /** {@code occam predict MODEL users.csv --top N [--out F]}. @return the exit code */
    static int predict(Path modelFile, Path users, Integer top, Path out, boolean force, PrintWriter stdout,
            PrintWriter stderr) throws Exception {
        if (users == null) {
            throw new Errors.UserError("missing DATA: a CSV or Parquet file with the user column of " + modelFile
                    + ", such as: occam predict " + modelFile + " users.csv --top 10");
        }
        int n = top == null ? 10 : top;
        if (n < 1) {
            throw new Errors.UserError("--top must be >= 1: " + n);
        }
        RecommenderModel model = RecommenderModelFile.load(modelFile);
        if (out == null) {
            stdout.print(RecommendPredictJob.recommendCsv(model, users, n));
            stdout.flush();
            return OccamCommand.OK;
        }
        if (Files.exists(out) && !force) {
            throw new Errors.UserError(out + " already exists; pass --force to replace it");
        }
        int rows = RecommendPredictJob.recommendToFile(model, users, n, out);
        stderr.println(String.format(Locale.ROOT, "wrote %,d recommendations (up to %d per user) to %s", rows, n, out));
        return OccamCommand.OK;
    }
}
