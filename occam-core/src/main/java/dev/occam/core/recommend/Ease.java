package dev.occam.core.recommend;

import dev.occam.runtime.recommend.ItemToItemRecommender;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Rung 3: EASE, a linear item-to-item model fitted in closed form (Steck, "Embarrassingly shallow autoencoders
 * for sparse data", WWW 2019). It predicts each item's column of X from the others,
 * {@code min_B ‖X − XB‖² + λ‖B‖²} subject to {@code diag(B) = 0}, whose solution is
 * {@code B = I − P·diag(1/diag(P))}, {@code P = (XᵀX + λI)⁻¹}, i.e. {@code B_ij = −P_ij / P_jj} for i ≠ j.
 * A user's score for j is {@code Σ_i x_ui B_ij}. Weights may be negative (an item that makes another less
 * likely); each item keeps its {@code neighbours} weights largest in magnitude.
 *
 * <p>The item-item Gram matrix is dense: m² doubles (8 bytes each) and about m³/2 operations to invert. Above
 * {@code maxItems} items EASE is fitted on the {@code maxItems} most popular items only (the others get no
 * weights and are reached through the popularity list), and {@link #notes} says so.
 *
 * @param lambda the L2 penalty, > 0
 * @param neighbours how many weights each item keeps, >= 1
 * @param maxItems the largest item count fitted whole, >= 2
 */
public record Ease(double lambda, int neighbours, int maxItems) implements RecommenderLearner {

    /** 5,000 items: a 200 MB Gram matrix, about a minute to invert on one core. */
    public static final int DEFAULT_MAX_ITEMS = 5_000;

    public Ease {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
        }
        if (maxItems < 2) {
            throw new IllegalArgumentException("max_items must be >= 2, got " + maxItems);
        }
    }

    public Ease(double lambda) {
        this(lambda, 200, DEFAULT_MAX_ITEMS);
    }

    @Override
    public String method() {
        return "ease";
    }

    @Override
    public int rung() {
        return 3;
    }

    @Override
    public List<String> notes(InteractionMatrix train) {
        int m = train.itemCount();
        if (m <= maxItems) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "EASE was fitted on the %,d most popular of the %,d items: all of them"
                + " would need a dense %,d × %,d item-item matrix (%.1f GB); the other items are recommended only from"
                + " the popularity list (raise max_items to fit more)", maxItems, m, m, m, 8.0 * m * m / 1e9));
    }

    @Override
    public ItemToItemRecommender fit(InteractionMatrix x) {
        int m = x.itemCount();
        int[] kept = keptItems(x);
        double[][] b = weights(x, kept, lambda);
        int[] candidates = new int[kept.length];
        double[] values = new double[m];
        NeighbourRows rows = new NeighbourRows(m);
        int[] position = new int[m];
        Arrays.fill(position, -1);
        for (int p = 0; p < kept.length; p++) {
            position[kept[p]] = p;
        }
        for (int i = 0; i < m; i++) {
            int count = 0;
            int p = position[i];
            if (p >= 0) {
                for (int q = 0; q < kept.length; q++) {
                    values[kept[q]] = b[p][q];
                    candidates[count++] = kept[q];
                }
            }
            rows.addRow(i, values, candidates, count, neighbours, true);
            for (int c = 0; c < count; c++) {
                values[candidates[c]] = 0;
            }
        }
        return rows.build(method(), Popularity.overall(x));
    }

    /** All items, or the {@code maxItems} most popular (ties to the smaller code), ascending. */
    int[] keptItems(InteractionMatrix x) {
        int m = x.itemCount();
        if (m <= maxItems) {
            return IntStream.range(0, m).toArray();
        }
        double[] counts = x.itemUserCounts();
        return IntStream.range(0, m).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -counts[i]).thenComparingInt(i -> i))
                .limit(maxItems).mapToInt(Integer::intValue).sorted().toArray();
    }

    /**
     * The dense weights {@code B} over the given items ({@code B[p][q]} from item {@code items[p]} to
     * {@code items[q]}), {@code B = I − P·diag(1/diag(P))}, {@code P = (XᵀX + λI)⁻¹} restricted to those items.
     */
    static double[][] weights(InteractionMatrix x, int[] items, double lambda) {
        int k = items.length;
        int[] position = new int[x.itemCount()];
        Arrays.fill(position, -1);
        for (int p = 0; p < k; p++) {
            position[items[p]] = p;
        }
        double[][] g = new double[k][k];
        int[] rowStarts = x.rowStarts();
        int[] rowItems = x.rowItems();
        double[] rowWeights = x.rowWeights();
        int[] local = new int[0];
        double[] localWeights = new double[0];
        for (int u = 0; u < x.userCount(); u++) {
            int n = 0;
            int len = rowStarts[u + 1] - rowStarts[u];
            if (local.length < len) {
                local = new int[len];
                localWeights = new double[len];
            }
            for (int e = rowStarts[u]; e < rowStarts[u + 1]; e++) {
                int p = position[rowItems[e]];
                if (p >= 0) {
                    local[n] = p;
                    localWeights[n++] = rowWeights[e];
                }
            }
            // the lower triangle only: rows are ascending in item, so positions are ascending too
            for (int s = 0; s < n; s++) {
                double[] gs = g[local[s]];
                double ws = localWeights[s];
                for (int t = 0; t <= s; t++) {
                    gs[local[t]] += ws * localWeights[t];
                }
            }
        }
        for (int p = 0; p < k; p++) {
            g[p][p] += lambda;
        }
        SymmetricInverse.invertInPlace(g);
        double[] diagonal = new double[k];
        for (int p = 0; p < k; p++) {
            diagonal[p] = g[p][p];
        }
        for (int p = 0; p < k; p++) {
            double[] row = g[p];
            for (int q = 0; q < k; q++) {
                row[q] = p == q ? 0.0 : -row[q] / diagonal[q];
            }
        }
        return g;
    }
}
