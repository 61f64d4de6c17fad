package dev.occam.cli;

import dev.occam.core.jobs.ForecastJob;
import dev.occam.results.ForecastResults;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The console summary of a forecasting fit: the panel, the leaderboard, the verdict and where the files went. */
final class ForecastPrinter {

    private ForecastPrinter() {
    }

    static void print(ForecastJob.Outcome outcome, Path dir, PrintWriter out) {
        ForecastResults.Card c = outcome.card();
        ForecastResults.Leaderboard board = outcome.leaderboard();
        out.println(String.format(Locale.ROOT, "%s: %,d series (%s, period %d), forecast %d steps ahead; "
                + "%d rolling origins %d apart, %,d origin x series cells", c.name(), c.seriesCount(), c.frequency(),
                c.period(), c.horizon(), c.evaluation().origins(), c.evaluation().step(), c.evaluation().cells()));
        for (String note : c.dataNotes()) {
            out.println("note: " + note);
        }
        for (String note : c.notes()) {
            out.println("note: " + note);
        }
        out.println(String.format(Locale.ROOT, "%-4s %-16s %9s %8s %8s %8s %7s %7s %11s %10s", "rung", "model",
                c.metric().toUpperCase(Locale.ROOT), "MASE", "sMAPE", "RMSSE", "cov80", "cov95", "parameters",
                "fit ms"));
        for (ForecastResults.Entry e : board.entries()) {
            out.println(String.format(Locale.ROOT, "%-4d %-16s %9.3f %8.3f %8.2f %8.3f %6.1f%% %6.1f%% %,11d %10.1f%s",
                    e.rung(), e.model(), e.mean(), e.mase(), e.smape(), e.rmsse(), 100 * e.coverage80(),
                    100 * e.coverage95(), e.parameters(), e.fitMillis(), e.chosen() ? "  <- chosen" : ""));
        }
        for (String line : c.verdict()) {
            out.println(line);
        }
        out.println(String.format(Locale.ROOT, "success: %s %.3f, at most %s: %s", c.metric(), c.chosenMean(),
                dev.occam.runtime.io.Json.number(c.atMost()), c.successMet() ? "met" : "NOT met"));
        out.println("chosen: " + c.chosen() + " (" + c.chosenDescription() + ")");
        out.println("wrote " + dir.resolve("model.json") + ", card.json, leaderboard.json, report.html");
        out.flush();
    }
}
