package dev.occam.cli;

import dev.occam.core.evaluate.LeakageCheck;
import dev.occam.core.evaluate.Reliability;
import dev.occam.core.explain.FeatureImportance;
import dev.occam.core.explain.GlobalExplanation;
import dev.occam.core.select.FitResult;
import dev.occam.core.select.LeaderboardEntry;
import dev.occam.runtime.PredictionInterval;
import dev.occam.runtime.io.Json;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints the result of a fit as a person reads it: the data, the leaderboard, the verdict and why. */
final class LeaderboardPrinter {

    private LeaderboardPrinter() {
    }

    static void print(FitResult r, PrintWriter out) {
        print(r, r.outputDirectory(), out);
    }

    /** @param written the folder the outputs are in now (the fit wrote them into a set that was then switched in) */
    static void print(FitResult r, Path written, PrintWriter out) {
        var target = r.target();
        String head = String.format(Locale.ROOT, "%s: %,d rows, %d features, target %s", r.useCase().name(),
                target.size(), r.featureCount(), target.info().name());
        if (target.isClassification()) {
            head += String.format(Locale.ROOT, " = %s (%.1f%%)", target.info().positive(), 100 * target.mean());
        } else if (target.isMulticlass()) {
            double[] shares = target.classShares();
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < shares.length; k++) {
                parts.add(String.format(Locale.ROOT, "%s %.1f%%", target.info().levels().get(k), 100 * shares[k]));
            }
            head += " (" + shares.length + " classes: " + String.join(", ", parts) + ")";
        } else {
            head += " (regression)";
        }
        out.println(head);
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
        for (String warning : r.warnings()) {
            out.println("warning: " + warning);
        }
        for (LeakageCheck.Suspect s : r.suspects()) {
            out.println("warning: " + s.reason() + (r.setAside().containsKey(s.column()) ? " (dropped)"
                    : " (kept; set data.drop_leaks: true or list it in data.exclude to drop it)"));
        }
        String metricHead = String.format(Locale.ROOT, "%s (%s)", r.metric().key().toUpperCase(Locale.ROOT),
                r.splitter().shortName());
        boolean classification = target.isClassification();
        // As wide as the head: a metric with a parameter (recall_at_precision_0.9) has a long name.
        String metricColumn = "%-" + Math.max(17, metricHead.length()) + "s";
        out.println(String.format(Locale.ROOT, "%-4s %-14s " + metricColumn + " %s%9s %9s %10s %10s %-11s %s", "rung",
                "model", metricHead, classification ? String.format(Locale.ROOT, "%5s %5s ", "brier", "ece") : "", "params",
                "fit", "p50 score", "p99 score", "explainable", "vs best"));
        for (LeaderboardEntry e : r.entries()) {
            if (!e.evaluation().succeeded()) {
                out.println(String.format(Locale.ROOT, "%-4d %-14s %s", e.rung(), e.id(), e.whyNotEligible()));
                continue;
            }
            out.println(String.format(Locale.ROOT, "%-4d %-14s " + metricColumn + " %s%9s %9s %10s %10s %-11s %s%s",
                    e.rung(), e.id(),
                    String.format(Locale.ROOT, "%.3f ± %.3f", e.evaluation().mean(), e.evaluation().standardDeviation()),
                    classification ? reliability(r, e) : "",
                    String.format(Locale.ROOT, "%,d", e.parameters()), e.deployable()
                            ? millis(e.evaluation().meanFitMillis()) : "-",
                    micros(e.p50Micros()), micros(e.p99Micros()), e.interpretable() ? "yes" : "no",
                    versus(r, e), e.chosen() ? "   <- chosen" : ""));
        }
        printOtherMetrics(r, out);
        for (LeaderboardEntry e : r.entries()) {
            if (!e.eligible() && e.evaluation().succeeded()) {
                out.println("not eligible: " + e.id() + " -- " + e.whyNotEligible());
            }
        }
        var verdict = r.verdict();
        out.println(verdict.chosen() == null ? "chosen: nothing" : "chosen: " + verdict.chosen().id());
        for (String reason : verdict.reasons()) {
            out.println("  " + reason);
        }
        if (r.calibration() != null) {
            out.println("calibration: " + r.calibration().sentence());
        }
        printDecision(r, out);
        printImportance(r, out);
        printInterval(r, out);
        out.println((r.successMet() ? "success: " : "NOT MET: ") + r.successSentence());
        FairnessPrinter.print(r, out);
        StringBuilder wrote = new StringBuilder("wrote:");
        for (String f : new String[] {"leaderboard.json", "model.json", "card.json", "report.html"}) {
            Path p = written.resolve(f);
            if (Files.exists(p)) {
                wrote.append("  ").append(p);
            }
        }
        out.println(wrote);
    }

    /**
     * The task's other metrics, mean ± sd over the folds, one line per evaluated candidate (with costs, the
     * expected cost per row comes first).
     */
    private static void printOtherMetrics(FitResult r, PrintWriter out) {
        List<String> keys = new ArrayList<>();
        for (LeaderboardEntry e : r.entries()) {
            for (String k : e.metrics().values().keySet()) {
                if (!keys.contains(k) && !k.equals("threshold")) {
                    keys.add(k);
                }
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        if (keys.remove("expected_cost")) {
            keys.add(0, "expected_cost");
        }
        out.println("other metrics, mean ± sd over the folds (each fold's threshold):");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-4s %-14s", "rung", "model"));
        for (String k : keys) {
            head.append(String.format(Locale.ROOT, " %-15s", k.equals("expected_cost") ? "cost per row" : k));
        }
        out.println(head);
        for (LeaderboardEntry e : r.entries()) {
            var values = e.metrics().values();
            if (values.isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-4d %-14s", e.rung(), e.id()));
            for (String k : keys) {
                double[] v = values.get(k);
                line.append(String.format(Locale.ROOT, " %-15s", v == null ? "-"
                        : String.format(Locale.ROOT, "%.3f ± %.3f", dev.occam.core.evaluate.FoldMetrics.mean(v),
                                dev.occam.core.evaluate.FoldMetrics.sd(v))));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** With costs: the chosen model's threshold and the expected cost per row it was measured at, out of fold. */
    private static void printDecision(FitResult r, PrintWriter out) {
        var costs = r.useCase().costs();
        LeaderboardEntry chosen = r.chosenEntry();
        if (costs == null || chosen == null) {
            return;
        }
        double[] cost = chosen.metrics().values().get("expected_cost");
        if (cost == null) {
            return;
        }
        String threshold = r.model() != null ? String.format(Locale.ROOT, "threshold %.3f", r.model().threshold())
                : "its own threshold";
        out.println(String.format(Locale.ROOT, "decision: %s, chosen to minimise the cost (%s); expected cost per row"
                + " %.3f ± %.3f out of fold (each fold's threshold chosen on the other folds)", threshold,
                costs.describe(), dev.occam.core.evaluate.FoldMetrics.mean(cost),
                dev.occam.core.evaluate.FoldMetrics.sd(cost)));
    }

    /** The chosen model's five most important features: loss in the metric when shuffled, mean ± sd. */
    private static void printImportance(FitResult r, PrintWriter out) {
        GlobalExplanation x = r.explanation();
        if (x == null || x.importance().isEmpty()) {
            return;
        }
        out.println(String.format(Locale.ROOT, "importance: drop in %s when a feature is shuffled (%s)",
                x.metric().key().toUpperCase(Locale.ROOT), x.basis()));
        int width = 0;
        List<FeatureImportance> top = x.importance().subList(0, Math.min(5, x.importance().size()));
        for (FeatureImportance i : top) {
            width = Math.max(width, i.feature().length());
        }
        for (FeatureImportance i : top) {
            out.println(String.format(Locale.ROOT, "  %-" + width + "s  %7.4f ± %.4f", i.feature(), i.meanDrop(),
                    i.standardDeviation()));
        }
    }

    /**
     * The chosen regression model's prediction interval in one line: "90% prediction interval: ± 23,400 (CV
     * residual method, 5x2 CV; out-of-fold coverage 89.7%, folds 86.0–93.1%)".
     */
    private static void printInterval(FitResult r, PrintWriter out) {
        PredictionInterval interval = r.model() == null ? null : r.model().interval();
        if (interval == null) {
            return;
        }
        double h = interval.halfWidth();
        String width = Math.abs(h) >= 100 ? String.format(Locale.ROOT, "%,.0f", h) : Json.number(h);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s%% prediction interval: ± %s (CV residual"
                + " method: the ⌈(N+1)·%s⌉-th smallest of N = %,d absolute out-of-fold residuals, %s",
                interval.percent(), width, Json.number(interval.level()), interval.residuals(),
                r.splitter().shortName()));
        if (interval.coverage() != null) {
            line.append(String.format(Locale.ROOT, "; out-of-fold coverage %.1f%%, folds %.1f–%.1f%%",
                    100 * interval.coverage().mean(), 100 * interval.coverage().min(), 100 * interval.coverage().max()));
        }
        out.println(line.append(')'));
    }

    /** Brier score and ECE of the candidate's held-out scores, three decimals each, then a space. */
    private static String reliability(FitResult r, LeaderboardEntry e) {
        Reliability x = r.reliability(e);
        return x == null ? String.format(Locale.ROOT, "%5s %5s ", "-", "-")
                : String.format(Locale.ROOT, "%5.3f %5.3f ", x.brier(), x.ece());
    }

    private static String versus(FitResult r, LeaderboardEntry e) {
        if (e == r.verdict().best()) {
            return "best";
        }
        if (!e.eligible()) {
            return "ineligible"; // excluded by a constraint, not beaten: the reason follows the table
        }
        if (e.versusBest() == null) {
            return "";
        }
        double p = e.versusBest().pValue();
        String pText = p < 0.001 ? "p<0.001" : String.format(Locale.ROOT, p < 0.01 ? "p=%.3f" : "p=%.2f", p);
        boolean significant = p < r.verdict().alpha();
        boolean worse = r.metric().higherIsBetter() ? e.versusBest().meanDifference() < 0
                : e.versusBest().meanDifference() > 0;
        return String.format(Locale.ROOT, "%-6s %s", significant ? (worse ? "worse" : "better") : "equal", pText);
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
}
