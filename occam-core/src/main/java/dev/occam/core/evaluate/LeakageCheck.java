package dev.occam.core.evaluate;

import dev.occam.core.data.Target;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Honesty checks before any fitting: columns that would make every model look better than it will be.
 * A column that alone predicts the target almost perfectly is usually recorded after the outcome (a
 * "days in arrears" beside "defaulted"), a near-copy of the target is the target under another name, and
 * an identifier carries no signal that survives to new rows but lets flexible models memorise.
 *
 * <p>A column's predictive power alone is its AUC (classification) or R² (regression) on the rows where
 * it is present: numbers by their own order (nothing is fitted), categories by their level's positive
 * share or mean learned on one seeded half of the rows and measured on the other, so a column of many
 * levels cannot look perfect by memorising.
 */
public final class LeakageCheck {

    /**
     * At or above this, a single column "predicts the target almost perfectly": an AUC or R² of 0.95 from one
     * column alone is rare in honest business data and common when the column was recorded after the outcome.
     */
    public static final double NEAR_PERFECT = 0.95;
    /** At or above this, the column is a near-copy of the target. */
    public static final double NEAR_COPY = 0.9995;

    private LeakageCheck() {
    }

    /** Why a column is suspect. */
    public enum Kind {
        NEAR_PERFECT_PREDICTOR, NEAR_COPY_OF_TARGET, IDENTIFIER,
        /** A value or range of the column occurs in one class only, and holds much of that class. */
        GIVEAWAY_VALUE
    }

    /** A suspect column, the reason in words, and the single-column score behind it. */
    public record Suspect(String column, Kind kind, String reason, double score) {
    }

    public static List<Suspect> suspects(Frame features, Target target, long seed) {
        return suspects(features, target, seed, Runnable::run);
    }

    /**
     * As {@link #suspects(Frame, Target, long)}, each column checked as a task on {@code executor} (the fit's
     * pool): the columns are independent, and their findings are gathered in column order, so the list is the
     * same whatever the number of threads.
     */
    public static List<Suspect> suspects(Frame features, Target target, long seed, Executor executor) {
        List<CompletableFuture<Optional<Suspect>>> checks = new ArrayList<>();
        for (Column c : features.columns()) {
            checks.add(CompletableFuture.supplyAsync(() -> suspect(c, target, seed), executor));
        }
        List<Suspect> out = new ArrayList<>();
        for (CompletableFuture<Optional<Suspect>> check : checks) {
            Futures.join(check).ifPresent(out::add);
        }
        return out;
    }

    /** Why one column is suspect, if it is. */
    private static Optional<Suspect> suspect(Column c, Target target, long seed) {
        String id = identifierReason(c);
        if (id != null) {
            return Optional.of(new Suspect(c.name(), Kind.IDENTIFIER, id, Double.NaN));
        }
        // A number against two classes: its values sorted by class once, for its AUC and its giveaway values.
        SortedByClass sorted = c instanceof NumericColumn nc && target.isClassification()
                ? SortedByClass.of(nc, target) : null;
        double score = sorted != null ? foldedAuc(sorted) : singleColumnScore(c, target, seed);
        if (!Double.isNaN(score) && score >= NEAR_PERFECT) {
            String what = target.isClassification() ? "AUC" : target.isMulticlass() ? "macro AUC" : "R²";
            boolean copy = score >= NEAR_COPY;
            return Optional.of(new Suspect(c.name(), copy ? Kind.NEAR_COPY_OF_TARGET : Kind.NEAR_PERFECT_PREDICTOR,
                    String.format(Locale.ROOT, "%s alone predicts %s with %s %.4f: %s", c.name(),
                            target.info().name(), what, score, copy ? "a near-copy of the target"
                                    : "a feature this strong on its own may give the answer away; is it known"
                                            + " before the outcome?"),
                    score));
        }
        if (target.isClassification()) {
            return GiveawayValue.find(c, target, sorted).map(g -> new Suspect(c.name(), Kind.GIVEAWAY_VALUE,
                    g.sentence(c.name(), target.info()), g.classShare()));
        }
        return Optional.empty();
    }

    /**
     * Every present value distinct over most rows (whole numbers or text), or a row counter. Counted on
     * primitives: a numeric column that is not all whole numbers is never an identifier, so its values are
     * not counted at all; whole numbers strictly increasing are distinct without counting; otherwise a sorted
     * copy's neighbours are compared by their bits (as {@code Double.equals} does, so -0.0 and 0.0 differ).
     */
    static String identifierReason(Column c) {
        int present = c.size() - c.missingCount();
        if (present < 20 || present < 0.95 * c.size()) {
            return null;
        }
        if (c instanceof CategoricalColumn cc) {
            boolean[] seen = new boolean[cc.levels().size()];
            int distinct = 0;
            for (int i = 0; i < cc.size(); i++) {
                int code = cc.code(i);
                if (code >= 0 && !seen[code]) {
                    seen[code] = true;
                    distinct++;
                }
            }
            return distinct == present ? c.name() + " has a different value in every row: an identifier" : null;
        }
        NumericColumn nc = (NumericColumn) c;
        for (int i = 0; i < nc.size(); i++) {
            double v = nc.value(i);
            if (!Double.isNaN(v) && v != Math.rint(v)) {
                return null; // before any copy: most numeric columns are not whole numbers
            }
        }
        double[] values = new double[present];
        boolean increasing = true;
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0, k = 0; i < nc.size(); i++) {
            if (nc.isMissing(i)) {
                continue;
            }
            double v = nc.value(i);
            increasing &= v > previous;
            previous = v;
            values[k++] = v;
        }
        if (increasing) {
            return c.name() + " counts up row by row with a different whole number in every row: an identifier";
        }
        Arrays.sort(values);
        for (int k = 1; k < present; k++) {
            if (Double.doubleToLongBits(values[k]) == Double.doubleToLongBits(values[k - 1])) {
                return null;
            }
        }
        return c.name() + " has a different whole number in every row: an identifier?";
    }

    /**
     * How well one column alone predicts the target: AUC folded above 0.5 (classification) or R²
     * (regression), as the class comment describes; NaN when fewer than 10 rows can be scored. Also read
     * by the fairness proxy check, with a protected attribute as the target.
     */
    public static double singleColumnScore(Column c, Target target, long seed) {
        if (target.isMulticlass()) {
            // Each class against the rest, as a two-class target, then the mean: the macro one-vs-rest AUC.
            double sum = 0;
            int counted = 0;
            String[] levels = target.info().levels().toArray(new String[0]);
            for (int k = 0; k < levels.length; k++) {
                double[] isClass = new double[target.size()];
                for (int i = 0; i < isClass.length; i++) {
                    isClass[i] = target.value(i) == k ? 1.0 : 0.0;
                }
                String rest = "not " + levels[k];
                double auc = singleColumnScore(c, new Target(dev.occam.runtime.TargetInfo.classification(
                        target.info().name(), levels[k], rest.equals(levels[k]) ? rest + "_" : rest), isClass), seed);
                if (!Double.isNaN(auc)) {
                    sum += auc;
                    counted++;
                }
            }
            return counted == 0 ? Double.NaN : sum / counted;
        }
        if (c instanceof NumericColumn nc && target.isClassification()) {
            return foldedAuc(SortedByClass.of(nc, target));
        }
        int n = c.size();
        boolean[] evaluate = new boolean[n];
        double[] prediction = new double[n];
        if (c instanceof NumericColumn nc) {
            for (int i = 0; i < n; i++) {
                evaluate[i] = !nc.isMissing(i);
                prediction[i] = nc.value(i);
            }
        } else {
            // Level means learned on one half, measured on the other: no credit for memorising levels.
            CategoricalColumn cc = (CategoricalColumn) c;
            SplittableRandom random = new SplittableRandom(seed);
            boolean[] learn = new boolean[n];
            double[] sum = new double[cc.levels().size()];
            int[] count = new int[cc.levels().size()];
            for (int i = 0; i < n; i++) {
                learn[i] = random.nextBoolean();
                if (learn[i] && !cc.isMissing(i)) {
                    sum[cc.code(i)] += target.value(i);
                    count[cc.code(i)]++;
                }
            }
            for (int i = 0; i < n; i++) {
                int code = cc.code(i);
                evaluate[i] = !learn[i] && code >= 0 && count[code] > 0;
                prediction[i] = evaluate[i] ? sum[code] / count[code] : Double.NaN;
            }
        }
        int m = 0;
        for (boolean b : evaluate) {
            m += b ? 1 : 0;
        }
        if (m < 10) {
            return Double.NaN;
        }
        double[] y = new double[m];
        double[] p = new double[m];
        for (int i = 0, k = 0; i < n; i++) {
            if (evaluate[i]) {
                y[k] = target.value(i);
                p[k++] = prediction[i];
            }
        }
        if (target.isClassification()) {
            double auc = Metric.AUC.compute(y, p, 0.5);
            return Double.isNaN(auc) ? Double.NaN : Math.max(auc, 1 - auc);
        }
        double r = correlation(y, p);
        return r * r;
    }

    /** A number's AUC alone folded above 0.5 (its order, nothing fitted); NaN below 10 present values. */
    private static double foldedAuc(SortedByClass sorted) {
        if (sorted.positives() + sorted.negatives() < 10) {
            return Double.NaN;
        }
        double auc = sorted.auc();
        return Double.isNaN(auc) ? Double.NaN : Math.max(auc, 1 - auc);
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0.0 : sab / Math.sqrt(saa * sbb);
    }
}
