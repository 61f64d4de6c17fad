package dev.occam.runtime.recommend;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Implicit-feedback matrix factorisation (Hu, Koren &amp; Volinsky, "Collaborative filtering for implicit
 * feedback datasets", ICDM 2008): an item's score for a user is {@code x_uᵀ y_i}. Only the item factors are
 * stored; a user's factors are folded in from their history by the fit's own least-squares step
 * ({@link ImplicitLeastSquares}), so any history, also one never seen in training, is scored the same way.
 *
 * <p>Reasons follow the paper's §5: with {@code W = (YᵀC_uY + λI)⁻¹}, the score is exactly
 * {@code Σ_{j seen} c_uj · y_iᵀ W y_j}, so each seen item j contributes {@code c_uj · y_iᵀ W y_j}.
 */
public final class FactorRecommender implements Recommender {

    private final int itemCount;
    private final int factors;
    private final double lambda;
    private final double alpha;
    private final double[] itemFactors;
    private final double[] gram;
    private final double[] norms;
    private final PopularityRecommender popularity;

    /**
     * @param itemFactors {@code itemCount × factors}, row-major, finite; copied
     * @param lambda the L2 penalty of the fit, > 0
     * @param alpha the confidence slope of the fit ({@code c = 1 + α·w}), >= 0
     */
    public FactorRecommender(int itemCount, int factors, double lambda, double alpha, double[] itemFactors,
            PopularityRecommender popularity) {
        if (factors < 1) {
            throw new IllegalArgumentException("factors must be >= 1, got " + factors);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        if ((long) itemCount * factors != itemFactors.length) {
            throw new IllegalArgumentException("expected " + itemCount + " × " + factors + " item factors, got " + itemFactors.length);
        }
        for (int k = 0; k < itemFactors.length; k++) {
            if (!Double.isFinite(itemFactors[k])) {
                throw new IllegalArgumentException("factor " + (k % factors) + " of item " + (k / factors) + " must be finite, got " + itemFactors[k]);
            }
        }
        this.popularity = Objects.requireNonNull(popularity, "popularity");
        if (popularity.itemCount() != itemCount) {
            throw new IllegalArgumentException("the popularity list covers " + popularity.itemCount() + " items, the factors " + itemCount);
        }
        this.itemCount = itemCount;
        this.factors = factors;
        this.lambda = lambda;
        this.alpha = alpha;
        this.itemFactors = itemFactors.clone();
        this.gram = ImplicitLeastSquares.gram(this.itemFactors, itemCount, factors);
        this.norms = new double[itemCount];
        for (int i = 0; i < itemCount; i++) {
            norms[i] = Math.sqrt(dot(Arrays.copyOfRange(this.itemFactors, i * factors, (i + 1) * factors), i));
        }
    }

    @Override
    public String method() {
        return "als";
    }

    @Override
    public int itemCount() {
        return itemCount;
    }

    /** The user's factors folded in from the history. */
    public double[] userFactors(History history) {
        history.seenAmong(itemCount);
        return ImplicitLeastSquares.solve(itemFactors, factors, gram, lambda, alpha, history.items(), history.weights(),
                0, history.size());
    }

    @Override
    public Recommendations recommend(History history, int n) {
        Recommender.checkCount(n);
        boolean[] seen = history.seenAmong(itemCount);
        if (history.isEmpty()) {
            return new Recommendations(method(), popularity.fill(seen, new boolean[itemCount], n), true);
        }
        int[] seenItems = history.items();
        double[] w = history.weights();
        double[] x = ImplicitLeastSquares.solve(itemFactors, factors, gram, lambda, alpha, seenItems, w, 0, seenItems.length);
        double[] scores = new double[itemCount];
        int[] candidates = new int[itemCount];
        int count = 0;
        for (int i = 0; i < itemCount; i++) {
            if (!seen[i]) {
                scores[i] = dot(x, i);
                candidates[count++] = i;
            }
        }
        int[] best = TopItems.select(scores, candidates, count, n);
        double[] l = ImplicitLeastSquares.normalMatrix(itemFactors, factors, gram, lambda, alpha, seenItems, w, 0, seenItems.length);
        ImplicitLeastSquares.choleskyInPlace(l, factors);
        List<RecommendedItem> items = new ArrayList<>(n);
        double[] contributions = new double[seenItems.length];
        for (int i : best) {
            double[] wy = Arrays.copyOfRange(itemFactors, i * factors, (i + 1) * factors);
            ImplicitLeastSquares.solveInPlace(l, factors, wy);
            for (int s = 0; s < seenItems.length; s++) {
                contributions[s] = (1 + alpha * w[s]) * dot(wy, seenItems[s]);
            }
            items.add(new RecommendedItem(i, scores[i], TopItems.reasons(seenItems, contributions), false));
        }
        return new Recommendations(method(), items, false);
    }

    private double dot(double[] v, int item) {
        double s = 0;
        int o = item * factors;
        for (int p = 0; p < factors; p++) {
            s += v[p] * itemFactors[o + p];
        }
        return s;
    }

    /** The items whose factors have the largest cosine with the item's (items with zero factors left out). */
    @Override
    public List<SimilarItem> similar(int item, int n) {
        Recommender.checkItem(item, itemCount);
        Recommender.checkCount(n);
        double[] y = Arrays.copyOfRange(itemFactors, item * factors, (item + 1) * factors);
        double norm = norms[item];
        double[] cosines = new double[itemCount];
        int[] candidates = new int[itemCount];
        int count = 0;
        for (int j = 0; j < itemCount && norm > 0; j++) {
            if (j != item && norms[j] > 0) {
                cosines[j] = dot(y, j) / (norm * norms[j]);
                candidates[count++] = j;
            }
        }
        List<SimilarItem> out = new ArrayList<>(n);
        for (int j : TopItems.select(cosines, candidates, count, n)) {
            out.add(new SimilarItem(j, cosines[j]));
        }
        return out;
    }

    @Override
    public long parameterCount() {
        return itemFactors.length + popularity.parameterCount();
    }

    @Override
    public Saved saved() {
        return new Saved(itemCount, factors, lambda, alpha, itemFactors.clone(), popularity.saved());
    }

    @Override
    public String toString() {
        return "als over " + itemCount + " items, " + factors + " factors";
    }

    /** The item factors, row-major ({@code item_count × factors}), and the fit's λ and α that folding in needs. */
    public record Saved(@JsonProperty("item_count") int itemCount, int factors, double lambda, double alpha,
            @JsonProperty("item_factors") double[] itemFactors, PopularityRecommender.Saved popularity)
            implements SavedRecommender {

        @Override
        public FactorRecommender load() {
            return new FactorRecommender(itemCount, factors, lambda, alpha, itemFactors, popularity.load());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Saved s && itemCount == s.itemCount && factors == s.factors
                    && Double.compare(lambda, s.lambda) == 0 && Double.compare(alpha, s.alpha) == 0
                    && Arrays.equals(itemFactors, s.itemFactors) && popularity.equals(s.popularity);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(itemFactors);
        }
    }
}
