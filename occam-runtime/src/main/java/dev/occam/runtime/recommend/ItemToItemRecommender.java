package dev.occam.runtime.recommend;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Recommends by a sparse item-to-item weight matrix W: a user's score for item j is
 * {@code Σ_{i seen} r_ui · W_ij}, the sum over the seen items i of the user's weight for i times i's weight
 * towards j; the reasons for j are the seen items with the largest terms. Row i holds i's kept neighbours,
 * largest weight first. One class serves the neighbourhood and linear rungs, which differ only in how W was
 * fitted:
 * <ul>
 *   <li>{@code item_knn}: shrunk cosine similarity between the items' user vectors, each item's k most similar
 *       kept (Sarwar, Karypis, Konstan &amp; Riedl, "Item-based collaborative filtering recommendation
 *       algorithms", WWW 2001; the top-N scheme of Deshpande &amp; Karypis, ACM TOIS 22(1), 2004);</li>
 *   <li>{@code p3alpha} / {@code rp3beta}: three-step random-walk probabilities from item to item through the
 *       users, raised to α, the target's popularity divided out to the power β (Cooper, Lee, Radchenko &amp;
 *       Symeonidis, WWW 2014 Companion; Paudel, Christoffel, Newell &amp; Bernstein, ACM TiiS 7(1), 2017);</li>
 *   <li>{@code ease}: the closed-form linear item-to-item regression with a zero diagonal (Steck, "Embarrassingly
 *       shallow autoencoders for sparse data", WWW 2019), its weights pruned to the largest in magnitude per
 *       row.</li>
 * </ul>
 * Only items with a positive score are recommended on the model's evidence; the rest of the list comes from
 * the popularity list, marked.
 */
public final class ItemToItemRecommender implements Recommender {

    private final String method;
    private final int itemCount;
    private final int[] rowStarts;
    private final int[] neighbours;
    private final double[] weights;
    /** Each row again, ordered by neighbour, so a weight is found by binary search (for the reasons). */
    private final int[] neighboursByItem;
    private final double[] weightsByItem;
    private final PopularityRecommender popularity;

    /**
     * @param method item_knn, p3alpha, rp3beta or ease
     * @param rowStarts {@code itemCount + 1} offsets: row i is entries rowStarts[i]..rowStarts[i+1]−1
     * @param neighbours the neighbour item of each entry (not the row's own item, no repeats within a row)
     * @param weights W_ij of each entry, finite; rows are sorted here, largest weight first
     * @param popularity the list for users with no history and for completing short lists
     */
    public ItemToItemRecommender(String method, int itemCount, int[] rowStarts, int[] neighbours, double[] weights,
            PopularityRecommender popularity) {
        if (!List.of("item_knn", "p3alpha", "rp3beta", "ease").contains(method)) {
            throw new IllegalArgumentException("an item-to-item method is item_knn, p3alpha, rp3beta or ease, got '" + method + "'");
        }
        this.popularity = Objects.requireNonNull(popularity, "popularity");
        if (popularity.itemCount() != itemCount) {
            throw new IllegalArgumentException("the popularity list covers " + popularity.itemCount()
                    + " items, the weights " + itemCount);
        }
        if (rowStarts.length != itemCount + 1 || rowStarts[0] != 0 || rowStarts[itemCount] != neighbours.length
                || neighbours.length != weights.length) {
            throw new IllegalArgumentException("the sparse weights are inconsistent: " + rowStarts.length + " row starts for "
                    + itemCount + " items, " + neighbours.length + " neighbours, " + weights.length + " weights");
        }
        this.method = method;
        this.itemCount = itemCount;
        this.rowStarts = rowStarts.clone();
        this.neighbours = neighbours.clone();
        this.weights = weights.clone();
        boolean[] inRow = new boolean[itemCount];
        for (int i = 0; i < itemCount; i++) {
            if (rowStarts[i + 1] < rowStarts[i]) {
                throw new IllegalArgumentException("row starts must not decrease: item " + i + " starts at " + rowStarts[i]
                        + ", item " + (i + 1) + " at " + rowStarts[i + 1]);
            }
            for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++) {
                int j = neighbours[k];
                Recommender.checkItem(j, itemCount);
                if (j == i || inRow[j]) {
                    throw new IllegalArgumentException("item " + i + " lists item " + j + (j == i ? " as its own neighbour" : " twice"));
                }
                if (!Double.isFinite(weights[k])) {
                    throw new IllegalArgumentException("the weight from item " + i + " to item " + j + " must be finite, got " + weights[k]);
                }
                inRow[j] = true;
            }
            for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++) {
                inRow[neighbours[k]] = false;
            }
            sortRow(rowStarts[i], rowStarts[i + 1]);
        }
        this.neighboursByItem = new int[this.neighbours.length];
        this.weightsByItem = new double[this.weights.length];
        for (int i = 0; i < itemCount; i++) {
            int from = this.rowStarts[i];
            int to = this.rowStarts[i + 1];
            long[] keyed = new long[to - from]; // neighbour in the high bits, position in the low
            for (int k = from; k < to; k++) {
                keyed[k - from] = ((long) this.neighbours[k] << 32) | (k - from);
            }
            Arrays.sort(keyed);
            for (int k = 0; k < keyed.length; k++) {
                int src = from + (int) (keyed[k] & 0xffffffffL);
                neighboursByItem[from + k] = this.neighbours[src];
                weightsByItem[from + k] = this.weights[src];
            }
        }
    }

    /**
     * Largest weight first, ties to the smaller item. Rows written by a fit are already in this order, so loading
     * a file only checks them; others are sorted by a merge sort on primitive positions (no boxing: a model of
     * 50,000 items × 200 neighbours has 10 million entries).
     */
    private void sortRow(int from, int to) {
        boolean sorted = true;
        for (int k = from + 1; k < to && sorted; k++) {
            sorted = !before(k, k - 1);
        }
        if (sorted) {
            return;
        }
        int[] order = new int[to - from];
        for (int k = 0; k < order.length; k++) {
            order[k] = from + k;
        }
        mergeSort(order, new int[order.length], 0, order.length);
        int[] n = new int[order.length];
        double[] w = new double[order.length];
        for (int k = 0; k < order.length; k++) {
            n[k] = neighbours[order[k]];
            w[k] = weights[order[k]];
        }
        System.arraycopy(n, 0, neighbours, from, n.length);
        System.arraycopy(w, 0, weights, from, w.length);
    }

    /** Whether entry a goes before entry b: a larger weight, or the same weight and a smaller neighbour. */
    private boolean before(int a, int b) {
        return weights[a] != weights[b] ? weights[a] > weights[b] : neighbours[a] < neighbours[b];
    }

    private void mergeSort(int[] a, int[] tmp, int lo, int hi) {
        if (hi - lo < 2) {
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid);
        mergeSort(a, tmp, mid, hi);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            tmp[k++] = before(a[j], a[i]) ? a[j++] : a[i++];
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < hi) {
            tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public int itemCount() {
        return itemCount;
    }

    @Override
    public Recommendations recommend(History history, int n) {
        Recommender.checkCount(n);
        boolean[] seen = history.seenAmong(itemCount);
        if (history.isEmpty()) {
            return new Recommendations(method, popularity.fill(seen, new boolean[itemCount], n), true);
        }
        double[] scores = new double[itemCount];
        boolean[] touched = new boolean[itemCount];
        int[] candidates = new int[itemCount];
        int count = 0;
        for (int s = 0; s < history.size(); s++) {
            int i = history.item(s);
            double r = history.weight(s);
            for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++) {
                int j = neighbours[k];
                if (seen[j]) {
                    continue;
                }
                scores[j] += r * weights[k];
                if (!touched[j]) {
                    touched[j] = true;
                    candidates[count++] = j;
                }
            }
        }
        int positive = 0;
        for (int c = 0; c < count; c++) {
            if (scores[candidates[c]] > 0) {
                candidates[positive++] = candidates[c];
            }
        }
        int[] best = TopItems.select(scores, candidates, positive, n);
        List<RecommendedItem> items = new ArrayList<>(n);
        int[] seenItems = history.items();
        double[] contributions = new double[seenItems.length];
        boolean[] listed = new boolean[itemCount];
        for (int j : best) {
            for (int s = 0; s < seenItems.length; s++) {
                contributions[s] = history.weight(s) * weight(seenItems[s], j);
            }
            items.add(new RecommendedItem(j, scores[j], TopItems.reasons(seenItems, contributions), false));
            listed[j] = true;
        }
        if (items.size() < n) {
            items.addAll(popularity.fill(seen, listed, n - items.size()));
        }
        return new Recommendations(method, items, false);
    }

    /** W_ij, 0 when j is not among i's kept neighbours. */
    public double weight(int i, int j) {
        Recommender.checkItem(i, itemCount);
        int k = Arrays.binarySearch(neighboursByItem, rowStarts[i], rowStarts[i + 1], j);
        return k >= 0 ? weightsByItem[k] : 0.0;
    }

    /** The first {@code n} of the item's kept neighbours with a positive weight. */
    @Override
    public List<SimilarItem> similar(int item, int n) {
        Recommender.checkItem(item, itemCount);
        Recommender.checkCount(n);
        List<SimilarItem> out = new ArrayList<>(n);
        for (int k = rowStarts[item]; k < rowStarts[item + 1] && out.size() < n && weights[k] > 0; k++) {
            out.add(new SimilarItem(neighbours[k], weights[k]));
        }
        return out;
    }

    @Override
    public long parameterCount() {
        return weights.length + popularity.parameterCount();
    }

    @Override
    public Saved saved() {
        return new Saved(method, itemCount, rowStarts.clone(), neighbours.clone(), weights.clone(), popularity.saved());
    }

    @Override
    public String toString() {
        return method + " over " + itemCount + " items, " + weights.length + " item-to-item weights";
    }

    /** Row i of the weights is entries {@code row_starts[i]..row_starts[i+1]-1} of {@code neighbours} and {@code weights}. */
    public record Saved(String method, @JsonProperty("item_count") int itemCount,
            @JsonProperty("row_starts") int[] rowStarts, int[] neighbours, double[] weights,
            PopularityRecommender.Saved popularity) implements SavedRecommender {

        @Override
        public ItemToItemRecommender load() {
            return new ItemToItemRecommender(method, itemCount, rowStarts, neighbours, weights, popularity.load());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Saved s && method.equals(s.method) && itemCount == s.itemCount
                    && Arrays.equals(rowStarts, s.rowStarts) && Arrays.equals(neighbours, s.neighbours)
                    && Arrays.equals(weights, s.weights) && popularity.equals(s.popularity);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(weights);
        }
    }
}
