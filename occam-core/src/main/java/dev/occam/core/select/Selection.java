package dev.occam.core.select;

import dev.occam.core.evaluate.CorrectedResampledTTest;
import dev.occam.core.evaluate.Metric;
import dev.occam.core.usecase.SelectionRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the model to ship: among the eligible candidates, the simplest one the evidence does not
 * reject. Simpler means a lower rung of the ladder, then fewer parameters.
 *
 * <ul>
 *   <li>{@code significance} (default): the simplest candidate whose difference from the best eligible
 *       one is not significant at {@code alpha} by the {@link CorrectedResampledTTest}. Each comparison
 *       is made at {@code alpha} on its own, with no correction for multiplicity: that errs towards
 *       calling a simpler model "not worse", the cautious direction for a tool that prefers simple
 *       models, and it is said in the verdict.</li>
 *   <li>{@code one-se}: the simplest candidate whose mean is within one standard error of the best mean
 *       (Breiman, Friedman, Olshen &amp; Stone, <i>Classification and Regression Trees</i>, 1984; Hastie,
 *       Tibshirani &amp; Friedman, <i>ESL</i> §7.10), with the standard error of the best candidate's
 *       mean corrected for overlapping training sets as in Nadeau &amp; Bengio (2003).</li>
 *   <li>{@code best}: the best mean, whatever it costs.</li>
 * </ul>
 */
public final class Selection {

    private Selection() {
    }

    /**
     * The price of moving from the chosen model to a more complex eligible one: the metric gained (with
     * its test), and the ratios of parameters, mean fit time and median single-row scoring time.
     */
    public record Climb(String id, int rung, CorrectedResampledTTest.Result gain, double parameterRatio,
            double fitTimeRatio, double latencyRatio) {
    }

    /**
     * The outcome: the entries with their comparisons and the chosen mark, the choice (null when nothing is
     * eligible), the best eligible entry, and the reasons in plain words.
     */
    public record Verdict(List<LeaderboardEntry> entries, LeaderboardEntry chosen, LeaderboardEntry best,
            SelectionRule rule, double alpha, List<String> reasons, List<Climb> climbs) {
        public Verdict {
            entries = List.copyOf(entries);
            reasons = List.copyOf(reasons);
            climbs = List.copyOf(climbs);
        }
    }

    /** Simpler first: lower rung, then fewer parameters, then the ladder's order. */
    static final Comparator<LeaderboardEntry> SIMPLER_FIRST = Comparator.comparingInt(LeaderboardEntry::rung)
            .thenComparingLong(LeaderboardEntry::parameters);

    /**
     * @param testTrainRatio n_test / n_train of the folds, for the corrected test
     */
    public static Verdict choose(List<LeaderboardEntry> entries, Metric metric, SelectionRule rule, double alpha,
            double testTrainRatio) {
        List<LeaderboardEntry> eligible = entries.stream().filter(LeaderboardEntry::eligible).toList();
        LeaderboardEntry best = null;
        for (LeaderboardEntry e : eligible) {
            if (best == null || better(e, best, metric)) {
                best = e;
            }
        }
        if (best == null) {
            List<String> reasons = new ArrayList<>();
            reasons.add("No model is eligible, so none is chosen.");
            for (LeaderboardEntry e : entries) {
                reasons.add(e.id() + ": " + e.whyNotEligible() + ".");
            }
            return new Verdict(entries, null, null, rule, alpha, reasons, List.of());
        }
        List<LeaderboardEntry> compared = new ArrayList<>();
        for (LeaderboardEntry e : entries) {
            boolean comparable = e != best && e.evaluation().succeeded() && !Double.isNaN(e.evaluation().mean());
            compared.add(e.withComparison(comparable ? CorrectedResampledTTest.compare(e.evaluation().values(),
                    best.evaluation().values(), testTrainRatio, alpha) : null));
        }
        LeaderboardEntry bestEntry = compared.get(entries.indexOf(best));
        List<LeaderboardEntry> order = compared.stream().filter(LeaderboardEntry::eligible).sorted(SIMPLER_FIRST).toList();
        LeaderboardEntry chosen = switch (rule) {
            case BEST -> bestEntry;
            case SIGNIFICANCE -> order.stream().filter(e -> e == bestEntry || e.versusBest().pValue() >= alpha)
                    .findFirst().orElse(bestEntry);
            case ONE_SE -> {
                double se = oneStandardError(bestEntry, testTrainRatio);
                double bar = metric.higherIsBetter() ? bestEntry.evaluation().mean() - se
                        : bestEntry.evaluation().mean() + se;
                yield order.stream().filter(e -> metric.higherIsBetter() ? e.evaluation().mean() >= bar
                        : e.evaluation().mean() <= bar).findFirst().orElse(bestEntry);
            }
        };
        List<LeaderboardEntry> marked = new ArrayList<>();
        for (LeaderboardEntry e : compared) {
            marked.add(e.withChosen(e == chosen));
        }
        LeaderboardEntry chosenMarked = marked.get(compared.indexOf(chosen));
        LeaderboardEntry bestMarked = marked.get(compared.indexOf(bestEntry));
        List<Climb> climbs = climbs(marked, chosenMarked, testTrainRatio, alpha);
        List<String> reasons = reasons(marked, chosenMarked, bestMarked, metric, rule, alpha, testTrainRatio, climbs);
        return new Verdict(marked, chosenMarked, bestMarked, rule, alpha, reasons, climbs);
    }

    /** The standard error of the best candidate's mean, corrected for overlapping training sets. */
    static double oneStandardError(LeaderboardEntry best, double testTrainRatio) {
        double[] v = best.evaluation().values();
        double sd = best.evaluation().standardDeviation();
        return Math.sqrt((1.0 / v.length + testTrainRatio) * sd * sd);
    }

    private static boolean better(LeaderboardEntry a, LeaderboardEntry b, Metric metric) {
        double ma = a.evaluation().mean();
        double mb = b.evaluation().mean();
        if (ma != mb) {
            return metric.higherIsBetter() ? ma > mb : ma < mb;
        }
        return SIMPLER_FIRST.compare(a, b) < 0;
    }

    private static List<Climb> climbs(List<LeaderboardEntry> entries, LeaderboardEntry chosen, double ratio,
            double alpha) {
        List<Climb> out = new ArrayList<>();
        for (LeaderboardEntry e : entries) {
            if (e == chosen || !e.eligible() || SIMPLER_FIRST.compare(e, chosen) <= 0 || e.rung() < chosen.rung()) {
                continue;
            }
            out.add(new Climb(e.id(), e.rung(), CorrectedResampledTTest.compare(e.evaluation().values(),
                    chosen.evaluation().values(), ratio, alpha),
                    (double) e.parameters() / chosen.parameters(),
                    e.evaluation().meanFitMillis() / chosen.evaluation().meanFitMillis(),
                    e.p50Micros() / chosen.p50Micros()));
        }
        return out;
    }

    private static List<String> reasons(List<LeaderboardEntry> entries, LeaderboardEntry chosen, LeaderboardEntry best,
            Metric metric, SelectionRule rule, double alpha, double ratio, List<Climb> climbs) {
        List<String> r = new ArrayList<>();
        String m = metric.key().toUpperCase(Locale.ROOT);
        String test = "corrected resampled t-test, alpha " + Text.number(alpha) + ", each comparison on its own";
        switch (rule) {
            case BEST -> r.add(chosen.id() + " has the best mean " + m + " of the eligible models ("
                    + Text.metric(chosen.evaluation().mean()) + "); the use case asks for the best, whatever its cost.");
            case SIGNIFICANCE -> {
                if (chosen == best) {
                    boolean anySimpler = entries.stream().anyMatch(e -> e.eligible() && e != chosen
                            && SIMPLER_FIRST.compare(e, chosen) < 0);
                    long eligible = entries.stream().filter(LeaderboardEntry::eligible).count();
                    String rest = eligible == 1 ? "it is the only eligible model, so it was compared with none"
                            : anySimpler ? "every simpler model is significantly worse (" + test + ")"
                            : "no eligible model is simpler, so none was tested against it";
                    r.add(chosen.id() + " has the best mean " + m + " of the eligible models ("
                            + Text.metric(best.evaluation().mean()) + "), and " + rest + ".");
                } else {
                    r.add(chosen.id() + " is the simplest model not significantly worse than the best (" + test
                            + "): " + best.id() + " scores " + Text.metric(best.evaluation().mean()) + " " + m
                            + ", " + chosen.id() + " " + Text.metric(chosen.evaluation().mean()) + " ("
                            + Text.difference(chosen.versusBest(), alpha) + ").");
                }
            }
            case ONE_SE -> r.add(chosen.id() + " is the simplest model whose mean " + m
                    + " is within one standard error (" + Text.metric(oneStandardError(best, ratio)) + ") of the best, "
                    + best.id() + " (" + Text.metric(best.evaluation().mean()) + ").");
        }
        List<String> rejected = new ArrayList<>();
        for (LeaderboardEntry e : entries) {
            if (e.eligible() && e != chosen && SIMPLER_FIRST.compare(e, chosen) < 0 && e.versusBest() != null) {
                rejected.add(e.id() + " (" + Text.pValue(e.versusBest().pValue()) + ")");
            }
        }
        if (!rejected.isEmpty() && rule == SelectionRule.SIGNIFICANCE) {
            r.add("Simpler models are significantly worse than the best: " + String.join(", ", rejected) + ".");
        }
        // A simpler model a constraint excluded was not beaten: it was never in the contest, and says why.
        List<String> excluded = new ArrayList<>();
        for (LeaderboardEntry e : entries) {
            if (!e.eligible() && e.evaluation().succeeded() && SIMPLER_FIRST.compare(e, chosen) < 0
                    && !better(e, chosen, metric)) {
                excluded.add(e.id() + " (" + e.whyNotEligible() + ")");
            }
        }
        if (!excluded.isEmpty()) {
            r.add("Simpler models ineligible, so not compared: " + String.join("; ", excluded) + ".");
        }
        String level = Text.number(100 * (1 - alpha)) + "%";
        for (Climb c : climbs) {
            // "Climbing" is up the ladder; a same-rung alternative only has more parameters.
            String move = c.rung() > chosen.rung() ? "Climbing to " + c.id() + " (rung " + c.rung() + ")"
                    : "Moving to " + c.id() + " (the same rung, more parameters)";
            r.add(move + " would change " + m + " by " + Text.signed(c.gain().meanDifference())
                    + " (" + level + " CI " + Text.signed(c.gain().low()) + " to " + Text.signed(c.gain().high()) + ") for "
                    + Text.ratio(c.parameterRatio(), "the parameters") + " and "
                    + Text.ratio(c.latencyRatio(), "the scoring time") + ".");
        }
        for (LeaderboardEntry e : entries) {
            if (!e.eligible() && e.evaluation().succeeded() && better(e, chosen, metric)) {
                r.add(e.id() + " scores higher (" + Text.metric(e.evaluation().mean()) + ") but is not eligible: "
                        + e.whyNotEligible() + ".");
            }
        }
        if (!chosen.deployable() && chosen.evaluation().family().equals(dev.occam.core.ladder.Candidate.ONNX)) {
            r.add("The existing model " + chosen.id() + " is as good as any model here: keep it. No model file is"
                    + " written.");
        } else if (!chosen.deployable()) {
            r.add("Today's rule is as good as any model here: keep it. No model file is written.");
        }
        return r;
    }

    /** Number formats for the verdict. */
    static final class Text {
        private Text() {
        }

        static String metric(double v) {
            return String.format(Locale.ROOT, "%.3f", v);
        }

        static String signed(double v) {
            return String.format(Locale.ROOT, "%+.3f", v);
        }

        static String number(double v) {
            return dev.occam.runtime.io.Json.number(v);
        }

        static String pValue(double p) {
            return p < 0.001 ? "p<0.001" : String.format(Locale.ROOT, "p=%.3f", p);
        }

        static String difference(CorrectedResampledTTest.Result r, double alpha) {
            return "difference " + signed(r.meanDifference()) + ", " + number(100 * (1 - alpha)) + "% CI "
                    + signed(r.low()) + " to " + signed(r.high()) + ", " + pValue(r.pValue());
        }

        /**
         * "12x the parameters", "1.3x the scoring time", or below 0.95 a fraction, "1/40 of the parameters":
         * never "0.0x", which reads as nothing.
         */
        static String ratio(double x, String what) {
            if (Double.isNaN(x) || Double.isInfinite(x) || x <= 0) {
                return "an unknown multiple of " + what;
            }
            if (x >= 10) {
                return String.format(Locale.ROOT, "%,.0fx %s", x, what);
            }
            if (x >= 0.95) {
                return String.format(Locale.ROOT, "%.1fx %s", x, what);
            }
            double inverse = 1 / x;
            return inverse < 10 ? String.format(Locale.ROOT, "1/%.1f of %s", inverse, what)
                    : String.format(Locale.ROOT, "1/%,.0f of %s", inverse, what);
        }
    }
}
