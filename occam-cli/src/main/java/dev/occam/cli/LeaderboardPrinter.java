package dev.occam.cli;

import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Prints the result of a fit as a person reads it: the data, the leaderboard, the choice, the verdict. */
final class LeaderboardPrinter {

    private LeaderboardPrinter() {
    }

    static void print(FitResult r, PrintWriter out) {
        var target = r.target();
        String head = String.format(Locale.ROOT, "%s: %,d rows, %d features, target %s", r.useCase().name(),
                target.size(), r.featureCount(), target.info().name());
        if (target.isClassification()) {
            head += String.format(Locale.ROOT, " = %s (%.1f%%)", target.info().positive(), 100 * target.mean());
        } else {
            head += " (regression)";
        }
        out.println(head);
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
        var sel = r.useCase().selection();
        String metricHead = String.format(Locale.ROOT, "%s (%dx%d CV)", r.metric().key().toUpperCase(Locale.ROOT),
                sel.folds(), sel.repeats());
        out.println(String.format(Locale.ROOT, "%-5s %-14s %-18s %9s %10s %10s %10s  %s", "rung", "model", metricHead,
                "params", "fit", "p50 score", "p99 score", "explainable"));
        for (LeaderboardEntry e : r.entries()) {
            if (!e.evaluation().succeeded()) {
                out.println(String.format(Locale.ROOT, "%-5d %-14s %s", e.rung(), e.family(), e.whyNotEligible()));
                continue;
            }
            out.println(String.format(Locale.ROOT, "%-5d %-14s %-18s %9s %10s %10s %10s  %-3s%s", e.rung(), e.family(),
                    String.format(Locale.ROOT, "%.3f ± %.3f", e.evaluation().mean(), e.evaluation().standardDeviation()),
                    String.format(Locale.ROOT, "%,d", e.parameters()), millis(e.evaluation().meanFitMillis()),
                    micros(e.p50Micros()), micros(e.p99Micros()), e.interpretable() ? "yes" : "no",
                    e.chosen() ? "   <- chosen" : ""));
        }
        if (r.choice() == null) {
            out.println("chosen: nothing -- no candidate could be evaluated");
        } else {
            out.println("chosen: " + r.choice().family() + " -- " + r.choice().reason()
                    + " (the significance rule comes in a later version)");
            LeaderboardEntry c = r.chosenEntry();
            var success = r.useCase().success();
            out.println(String.format(Locale.ROOT, "success: %s %.3f %s %s required  [%s]",
                    success.metric().key().toUpperCase(Locale.ROOT), c.evaluation().mean(),
                    success.atLeast() ? ">=" : "<=", trim(success.bound()), r.successMet() ? "met" : "NOT met"));
        }
        StringBuilder wrote = new StringBuilder("wrote:");
        for (String f : new String[] {"leaderboard.json", "model.json", "card.json"}) {
            Path p = r.outputDirectory().resolve(f);
            if (java.nio.file.Files.exists(p)) {
                wrote.append("  ").append(p);
            }
        }
        out.println(wrote);
    }

    private static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms)
                : ms < 10_000 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    private static String micros(double us) {
        if (Double.isNaN(us)) {
            return "-";
        }
        return us < 10 ? String.format(Locale.ROOT, "%.2f µs", us) : String.format(Locale.ROOT, "%.0f µs", us);
    }

    private static String trim(double v) {
        return dev.occam.runtime.io.Json.number(v);
    }
}
