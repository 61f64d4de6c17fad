package dev.occam.core.recommend;

import dev.occam.core.usecase.RecommendUseCase;
import dev.occam.runtime.io.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Chooses the recommender to ship as {@code select.Selection} chooses a model: the simplest rung whose difference
 * from the best is not significant, and the price of climbing higher. Simpler means a lower rung, then fewer
 * parameters.
 *
 * <p>The evidence is different: every rung was fitted once on the same training part and scored on the same test
 * users, so two rungs are compared by a <b>paired t-test over the test users</b> on the per-user metric
 * differences (as information-retrieval evaluations compare systems over topics: Sakai, "Statistical
 * reform in information retrieval?", SIGIR Forum 48(1), 2014; Smucker, Allan &amp; Carterette, CIKM 2007). No
 * correction for overlapping training sets is needed (there is one split, not resampled folds), so
 * {@code select.CorrectedResampledTTest} does not fit; as there, each comparison is made at {@code alpha} on its
 * own, with no correction for multiplicity, which errs towards calling a simpler rung "not worse", and the
 * verdict says so. The users are not strictly independent (one model serves them all); with hundreds of users
 * the mean difference is close to normal, which is what the test needs.
 *
 * <p>Coverage is one number for the whole catalogue, not one per user: with {@code coverage} as the success
 * metric the rungs are compared on NDCG@10 and the bar is checked on the chosen rung's coverage.
 */
public final class RecommenderSelection {

    /** A paired comparison a − b over users: mean difference, its (1 − α) interval and two-sided p-value. */
    public record Comparison(double meanDifference, double low, double high, double pValue, int users) {
    }

    /**
     * A rung on the leaderboard.
     *
     * @param value the success metric's value on the test (mean over users, or the coverage)
     * @param compared the mean of the metric the rungs are compared on
     * @param versusBest this rung minus the best, null for the best itself and failed rungs
     */
    public record Entry(RecommenderLadder.Result result, double value, double compared, Comparison versusBest,
            boolean chosen) {

        public String id() {
            return result.method();
        }

        public int rung() {
            return result.rung();
        }

        public long parameters() {
            return result.recommender() == null ? -1 : result.recommender().parameterCount();
        }
    }

    /** The price of moving from the chosen rung to a more complex one. */
    public record Climb(String id, int rung, Comparison gain, double parameterRatio, double fitTimeRatio,
            double scoringTimeRatio) {
    }

    /**
     * @param comparedOn the metric the rungs are compared on (the success metric, or ndcg@10 for coverage)
     * @param chosen null when no rung could be fitted
     */
    public record Verdict(List<Entry> entries, Entry chosen, Entry best, String comparedOn, double alpha,
            List<String> reasons, List<Climb> climbs) {

        public Verdict {
            entries = List.copyOf(entries);
            reasons = List.copyOf(reasons);
            climbs = List.copyOf(climbs);
        }
    }

    static final Comparator<Entry> SIMPLER_FIRST = Comparator.comparingInt(Entry::rung).thenComparingLong(Entry::parameters);

    private RecommenderSelection() {
    }

    /** The per-user values of a metric (NDCG@K, recall@K or AP@K). */
    static double[] perUser(RecommenderEvaluation.Scores scores, RecommendUseCase.Metric metric) {
        return switch (metric) {
            case NDCG, COVERAGE -> scores.ndcg();
            case RECALL -> scores.recall();
            case MAP -> scores.averagePrecision();
        };
    }

    /** The success metric's value: the mean over users, or the coverage. */
    public static double value(RecommenderEvaluation.Scores scores, RecommendUseCase.Metric metric) {
        return switch (metric) {
            case NDCG -> scores.meanNdcg();
            case RECALL -> scores.meanRecall();
            case MAP -> scores.meanAveragePrecision();
            case COVERAGE -> scores.coverage();
        };
    }

    public static Verdict choose(List<RecommenderLadder.Result> results, RecommendUseCase.Metric metric, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        RecommendUseCase.Metric compareOn = metric.perUser() ? metric : RecommendUseCase.Metric.NDCG;
        List<Entry> entries = new ArrayList<>();
        Entry best = null;
        for (RecommenderLadder.Result r : results) {
            Entry e = r.succeeded() ? new Entry(r, value(r.test(), metric), mean(perUser(r.test(), compareOn)), null, false)
                    : new Entry(r, Double.NaN, Double.NaN, null, false);
            entries.add(e);
            if (r.succeeded() && (best == null || e.compared() > best.compared())) {
                best = e; // ties keep the earlier, simpler rung
            }
        }
        if (best == null) {
            List<String> reasons = new ArrayList<>();
            reasons.add("No rung could be fitted, so none is chosen.");
            results.forEach(r -> reasons.add(r.failure() + "."));
            return new Verdict(entries, null, null, compareOn.key(), alpha, reasons, List.of());
        }
        double[] bestValues = perUser(best.result().test(), compareOn);
        List<Entry> compared = new ArrayList<>();
        for (Entry e : entries) {
            compared.add(e == best || !e.result().succeeded() ? e
                    : new Entry(e.result(), e.value(), e.compared(), paired(perUser(e.result().test(), compareOn), bestValues,
                            alpha), false));
        }
        Entry bestEntry = compared.get(entries.indexOf(best));
        Entry chosen = compared.stream().filter(e -> e.result().succeeded()).sorted(SIMPLER_FIRST)
                .filter(e -> e == bestEntry || e.versusBest().pValue() >= alpha).findFirst().orElse(bestEntry);
        List<Entry> marked = new ArrayList<>();
        for (Entry e : compared) {
            marked.add(new Entry(e.result(), e.value(), e.compared(), e.versusBest(), e == chosen));
        }
        Entry chosenMarked = marked.get(compared.indexOf(chosen));
        Entry bestMarked = marked.get(compared.indexOf(bestEntry));
        List<Climb> climbs = new ArrayList<>();
        double[] chosenValues = perUser(chosen.result().test(), compareOn);
        for (Entry e : marked) {
            if (e == chosenMarked || !e.result().succeeded() || SIMPLER_FIRST.compare(e, chosenMarked) <= 0
                    || e.rung() < chosenMarked.rung()) {
                continue;
            }
            RecommenderLadder.Result c = chosen.result();
            climbs.add(new Climb(e.id(), e.rung(), paired(perUser(e.result().test(), compareOn), chosenValues, alpha),
                    (double) e.parameters() / chosenMarked.parameters(),
                    e.result().fitSeconds() / c.fitSeconds(), e.result().scoreSeconds() / c.scoreSeconds()));
        }
        return new Verdict(marked, chosenMarked, bestMarked, compareOn.key(), alpha,
                reasons(marked, chosenMarked, bestMarked, metric, compareOn, alpha, climbs), climbs);
    }

    /**
     * The paired t-test of a − b over users (Student's t with n − 1 degrees of freedom on the differences).
     *
     * @throws IllegalArgumentException when the arrays differ in length or hold fewer than 2 users
     */
    public static Comparison paired(double[] a, double[] b, double alpha) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("the two rungs were scored on " + a.length + " and " + b.length + " users");
        }
        int n = a.length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 test users to compare two rungs, got " + n);
        }
        double mean = 0;
        for (int u = 0; u < n; u++) {
            mean += a[u] - b[u];
        }
        mean /= n;
        double ss = 0;
        for (int u = 0; u < n; u++) {
            double d = a[u] - b[u] - mean;
            ss += d * d;
        }
        double se = Math.sqrt(ss / (n - 1) / n);
        TDistribution t = new TDistribution(n - 1);
        if (se == 0) {
            return new Comparison(mean, mean, mean, mean == 0 ? 1.0 : 0.0, n);
        }
        double p = 2 * t.cumulativeProbability(-Math.abs(mean / se));
        double q = t.inverseCumulativeProbability(1 - alpha / 2);
        return new Comparison(mean, mean - q * se, mean + q * se, Math.min(1.0, p), n);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    private static List<String> reasons(List<Entry> entries, Entry chosen, Entry best, RecommendUseCase.Metric metric,
            RecommendUseCase.Metric compareOn, double alpha, List<Climb> climbs) {
        List<String> r = new ArrayList<>();
        String m = compareOn.key().toUpperCase(Locale.ROOT);
        int users = best.result().test().users().length;
        String test = String.format(Locale.ROOT, "paired t-test over the %,d test users, alpha %s, each comparison on its own",
                users, Json.number(alpha));
        if (chosen == best) {
            boolean anySimpler = entries.stream().anyMatch(e -> e.result().succeeded() && e != chosen
                    && SIMPLER_FIRST.compare(e, chosen) < 0);
            long fitted = entries.stream().filter(e -> e.result().succeeded()).count();
            String rest = fitted == 1 ? "it is the only rung that could be fitted, so it was compared with none"
                    : anySimpler ? "every simpler rung is significantly worse (" + test + ")"
                    : "no rung is simpler, so none was tested against it";
            r.add(chosen.id() + " has the best mean " + m + " of the rungs (" + f3(best.compared()) + "), and " + rest + ".");
        } else {
            r.add(chosen.id() + " is the simplest rung not significantly worse than the best (" + test + "): " + best.id()
                    + " scores " + f3(best.compared()) + " " + m + ", " + chosen.id() + " " + f3(chosen.compared()) + " ("
                    + difference(chosen.versusBest(), alpha) + ").");
        }
        if (!metric.perUser()) {
            r.add("Coverage is one number for the whole catalogue, not one per user, so the rungs were compared on "
                    + m + " and the bar is checked on the chosen rung's coverage (" + pct(chosen.value()) + ").");
        }
        List<String> rejected = new ArrayList<>();
        for (Entry e : entries) {
            if (e.result().succeeded() && e != chosen && SIMPLER_FIRST.compare(e, chosen) < 0 && e.versusBest() != null) {
                rejected.add(e.id() + " (" + pValue(e.versusBest().pValue()) + ")");
            }
        }
        if (!rejected.isEmpty()) {
            r.add("Simpler rungs are significantly worse than the best: " + String.join(", ", rejected) + ".");
        }
        String level = Json.number(100 * (1 - alpha)) + "%";
        for (Climb c : climbs) {
            String move = c.rung() > chosen.rung() ? "Climbing to " + c.id() + " (rung " + c.rung() + ")"
                    : "Moving to " + c.id() + " (the same rung, more parameters)";
            r.add(move + " would change " + m + " by " + signed(c.gain().meanDifference()) + " (" + level + " CI "
                    + signed(c.gain().low()) + " to " + signed(c.gain().high()) + ") for "
                    + ratio(c.parameterRatio(), "the parameters") + " and " + ratio(c.scoringTimeRatio(), "the scoring time")
                    + ".");
        }
        for (Entry e : entries) {
            if (!e.result().succeeded()) {
                r.add(e.result().failure() + ".");
            }
        }
        return r;
    }

    static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String signed(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String pValue(double p) {
        return p < 0.001 ? "p<0.001" : String.format(Locale.ROOT, "p=%.3f", p);
    }

    static String difference(Comparison c, double alpha) {
        return "difference " + signed(c.meanDifference()) + ", " + Json.number(100 * (1 - alpha)) + "% CI "
                + signed(c.low()) + " to " + signed(c.high()) + ", " + pValue(c.pValue());
    }

    /** "12x the parameters", "1.3x the scoring time", below 0.95 "1/40 of the parameters" (as the other tasks say). */
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
