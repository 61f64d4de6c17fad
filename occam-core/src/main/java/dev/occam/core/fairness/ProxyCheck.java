package dev.occam.core.fairness;

import dev.occam.core.data.Target;
import dev.occam.core.evaluate.LeakageCheck;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which features stand in for a protected attribute. Leaving a protected column out of the features does
 * not keep a model from using it when another feature encodes it (a postcode for ethnicity, years of
 * employment for age): such a proxy carries the group into the decision all the same.
 *
 * <p>Each feature is scored by how well it alone predicts the protected attribute, with the
 * single-column measure of {@link LeakageCheck#singleColumnScore} (a number by its own order, a
 * category by its level means learned on one seeded half of the rows and measured on the other):
 * <ul>
 *   <li>a categorical attribute, or a number grouped by value (at most {@value Groups#MAX_VALUE_GROUPS}
 *       distinct values, as the audit groups it: a 0/1 flag is two groups, not a quantity): for each level with at least {@value #MIN_LEVEL_ROWS} rows in and out of
 *       it, the AUC (folded above 0.5) of the feature for "this level against the rest"; the feature's
 *       score is the highest over the levels, and the level is named;</li>
 *   <li>any other numeric attribute: R² of the feature for the attribute's value.</li>
 * </ul>
 * Rows where the attribute is missing are left out. A feature is flagged a <b>strong proxy</b> at AUC ≥
 * {@value #STRONG_AUC} or R² ≥ {@value #STRONG_R2}: it separates the groups about as well as a good
 * credit score separates defaulters, or explains half the attribute's variance. A number is scored by
 * its order, so a non-monotone proxy (the middle of a range marking a group) is under-rated.
 */
public final class ProxyCheck {

    /** At or above this one-vs-rest AUC, a feature is a strong proxy of a categorical attribute. */
    public static final double STRONG_AUC = 0.8;
    /** At or above this R², a feature is a strong proxy of a numeric attribute. */
    public static final double STRONG_R2 = 0.5;
    /** Rows a level needs on each side to be scored one-vs-rest. */
    public static final int MIN_LEVEL_ROWS = 10;

    private ProxyCheck() {
    }

    /**
     * One feature's power to predict a protected attribute.
     *
     * @param level for a categorical attribute, the level it separates best; null for a numeric one
     * @param score AUC (attribute in groups by level or value) or R² (other numeric attribute)
     */
    public record Proxy(String feature, String level, double score, boolean strong) {
    }

    /**
     * The features ranked for one protected attribute, strongest first.
     *
     * @param measure "AUC" or "R²"
     */
    public record Ranking(String attribute, String measure, List<Proxy> proxies) {

        public Ranking {
            proxies = List.copyOf(proxies);
        }

        public List<Proxy> strong() {
            return proxies.stream().filter(Proxy::strong).toList();
        }
    }

    /**
     * Ranks the features for each protected attribute; a feature of the same name as the attribute (when
     * the use case keeps protected columns as features) is not ranked against itself.
     *
     * @param protectedColumns the protected attributes, rows aligned with the features
     * @throws IllegalArgumentException when the row counts differ
     */
    public static List<Ranking> rank(Frame features, Frame protectedColumns, long seed) {
        if (features.rows() != protectedColumns.rows()) {
            throw new IllegalArgumentException("rows differ: features " + features.rows() + ", protected columns "
                    + protectedColumns.rows());
        }
        List<Ranking> out = new ArrayList<>();
        for (Column column : protectedColumns.columns()) {
            CategoricalColumn categories = Groups.asCategories(column);
            Column attribute = categories == null ? column : categories;
            int[] present = java.util.stream.IntStream.range(0, attribute.size()).filter(i -> !attribute.isMissing(i))
                    .toArray();
            List<Proxy> proxies = new ArrayList<>();
            for (Column feature : features.columns()) {
                if (feature.name().equals(attribute.name())) {
                    continue;
                }
                Column f = feature.select(present);
                proxies.add(attribute instanceof CategoricalColumn c
                        ? categorical(f, (CategoricalColumn) c.select(present), seed)
                        : numeric(f, (NumericColumn) attribute.select(present), seed));
            }
            proxies.removeIf(p -> Double.isNaN(p.score()));
            proxies.sort(Comparator.comparingDouble(Proxy::score).reversed().thenComparing(Proxy::feature));
            out.add(new Ranking(attribute.name(), attribute instanceof CategoricalColumn ? "AUC" : "R²", proxies));
        }
        return out;
    }

    private static Proxy categorical(Column feature, CategoricalColumn attribute, long seed) {
        int n = attribute.size();
        double best = Double.NaN;
        String bestLevel = null;
        for (int level = 0; level < attribute.levels().size(); level++) {
            double[] y = new double[n];
            int in = 0;
            for (int i = 0; i < n; i++) {
                y[i] = attribute.code(i) == level ? 1.0 : 0.0;
                in += (int) y[i];
            }
            if (in < MIN_LEVEL_ROWS || n - in < MIN_LEVEL_ROWS) {
                continue;
            }
            String name = attribute.levels().get(level);
            Target target = new Target(TargetInfo.classification(attribute.name(), name, "not " + name), y);
            double auc = LeakageCheck.singleColumnScore(feature, target, seed);
            if (!Double.isNaN(auc) && (Double.isNaN(best) || auc > best)) {
                best = auc;
                bestLevel = name;
            }
        }
        return new Proxy(feature.name(), bestLevel, best, best >= STRONG_AUC);
    }

    private static Proxy numeric(Column feature, NumericColumn attribute, long seed) {
        Target target = new Target(TargetInfo.regression(attribute.name()), attribute.values());
        double r2 = LeakageCheck.singleColumnScore(feature, target, seed);
        return new Proxy(feature.name(), null, r2, r2 >= STRONG_R2);
    }
}
