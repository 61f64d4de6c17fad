package dev.occam.cli;

import dev.occam.core.fairness.FairnessAudit;
import dev.occam.core.fairness.FairnessReport;
import dev.occam.core.fairness.ProxyCheck;
import dev.occam.core.select.FitResult;
import dev.occam.core.usecase.Fairness.Favourable;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints the fairness audit of the chosen model and the proxy ranking, after the leaderboard. */
final class FairnessPrinter {

    /** Proxies shown per protected attribute. */
    static final int TOP_PROXIES = 3;
    /** The four-fifths rule's ratio, the reference when the use case sets no bound. */
    static final double FOUR_FIFTHS = 0.8;

    private FairnessPrinter() {
    }

    static void print(FitResult r, PrintWriter out) {
        FairnessReport report = r.fairness();
        if (report.isEmpty()) {
            return;
        }
        for (String note : report.notes()) {
            out.println("note: " + note);
        }
        for (String warning : report.warnings()) {
            out.println("warning: " + warning);
        }
        FairnessAudit audit = r.chosenAudit();
        if (audit != null) {
            printAudit(r, audit, out);
        }
        if (!report.proxies().isEmpty()) {
            out.println(String.format(Locale.ROOT, "proxies (each feature alone predicting a protected attribute,"
                    + " held out; strong at AUC >= %.2f or R² >= %.2f):", ProxyCheck.STRONG_AUC, ProxyCheck.STRONG_R2));
            for (ProxyCheck.Ranking ranking : report.proxies()) {
                StringBuilder line = new StringBuilder("  " + ranking.attribute() + ":");
                var top = ranking.proxies().subList(0, Math.min(TOP_PROXIES, ranking.proxies().size()));
                for (int i = 0; i < top.size(); i++) {
                    ProxyCheck.Proxy p = top.get(i);
                    line.append(i == 0 ? " " : ", ").append(p.feature()).append(' ').append(ranking.measure())
                            .append(String.format(Locale.ROOT, " %.2f", p.score()));
                    if (p.level() != null) {
                        line.append(" (").append(p.level()).append(')');
                    }
                    if (p.strong()) {
                        line.append(" [STRONG PROXY]");
                    }
                }
                if (top.isEmpty()) {
                    line.append(" no feature could be scored");
                }
                int more = ranking.strong().size() - (int) top.stream().filter(ProxyCheck.Proxy::strong).count();
                if (more > 0) {
                    line.append("; ").append(more).append(" more strong");
                }
                out.println(line);
            }
        }
    }

    private static void printAudit(FitResult r, FairnessAudit audit, PrintWriter out) {
        String favourable = audit.favourable() == Favourable.NEGATIVE ? audit.negative() : audit.positive();
        out.println(String.format(Locale.ROOT, "fairness of %s on held-out predictions: favourable decision = called"
                + " %s; threshold %.2f (folds %.2f–%.2f)", r.chosenEntry().id(), favourable, audit.threshold(),
                audit.thresholdLow(), audit.thresholdHigh()));
        Double bound = r.useCase().fairness().minSelectionRateRatio();
        for (FairnessAudit.AttributeAudit a : audit.attributes()) {
            String verdict = !a.measurable() ? "[not measurable: see the warning above]"
                    : bound != null ? String.format(Locale.ROOT, "%s %.2f required %s", a.meets(bound) ? ">=" : "<",
                            bound, a.meets(bound) ? "[met]" : "[NOT met]")
                    : a.meets(FOUR_FIFTHS) ? "(four-fifths rule: no adverse impact indicated; no bound set)"
                    : "(below the four-fifths rule: adverse impact indicated; no bound set)";
            String between = a.lowestGroup() == null || a.lowestGroup().equals(a.highestGroup()) ? ""
                    : " " + a.lowestGroup() + " vs " + a.highestGroup();
            out.println(String.format(Locale.ROOT, "  %s%s: selection-rate ratio %s%s %s; equal-opportunity"
                    + " difference %s", a.attribute(), groupedBy(a),
                    withInterval(a.selectionRateRatio(), a.ratioInterval()), between, verdict,
                    withInterval(a.equalOpportunityDifference(), a.opportunityInterval())));
            out.println(String.format(Locale.ROOT, "    %-12s %7s %11s %11s %7s %7s %7s %8s", "group", "rows",
                    "called " + audit.positive(), "called " + audit.negative(), "TPR", "FPR", "mean p", "observed"));
            for (FairnessAudit.GroupRates g : a.groups()) {
                out.println(String.format(Locale.ROOT, "    %-12s %,7d %11s %11s %7s %7s %7s %8s%s", g.group(), g.rows(),
                        percent(g.positiveCallRate()), percent(1 - g.positiveCallRate()), rate(g.truePositiveRate()),
                        rate(g.falsePositiveRate()), rate(g.meanScore()), rate(g.observedRate()),
                        g.small() ? "  (small: not compared)" : ""));
            }
        }
    }

    /** How the groups were made, when the reader cannot tell from the labels: " (quartile bands)", " (by value)". */
    private static String groupedBy(FairnessAudit.AttributeAudit a) {
        return switch (a.grouping()) {
            case LEVELS -> "";
            case VALUES -> " (by value)";
            case QUARTILE_BANDS -> " (quartile bands)";
        };
    }

    private static String withInterval(double value, FairnessAudit.Interval interval) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        String v = String.format(Locale.ROOT, "%.2f", value);
        return Double.isNaN(interval.low()) ? v
                : v + String.format(Locale.ROOT, " [95%% CI %.2f–%.2f]", interval.low(), interval.high());
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String rate(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }
}
