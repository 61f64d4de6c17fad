package dev.occam.core.recommend;

import dev.occam.runtime.recommend.ItemToItemRecommender;

/**
 * Rung 1: item-based k nearest neighbours (Sarwar, Karypis, Konstan &amp; Riedl, "Item-based collaborative
 * filtering recommendation algorithms", WWW 2001). Two items are alike when the same users interacted with
 * them: the cosine of their user columns, shrunk towards 0 when they share few users,
 * {@code s_ij = x_iᵀx_j / (‖x_i‖·‖x_j‖ + h)} (the shrinkage h as in Bell &amp; Koren, ICDM 2007, and in the
 * baselines of Ferrari Dacrema, Cremonesi &amp; Jannach, RecSys 2019). Each item keeps its {@code neighbours}
 * most similar items, and a user's score for j sums the similarities from the user's items to j, weighted by
 * the user's weights (the top-N scheme of Deshpande &amp; Karypis, ACM TOIS 22(1), 2004). Costs
 * {@code Σ_u n_u²} for the users' n_u items.
 *
 * @param neighbours how many similar items each item keeps, >= 1
 * @param shrinkage h >= 0
 */
public record ItemKnn(int neighbours, double shrinkage) implements RecommenderLearner {

    public ItemKnn {
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
        }
        if (!(shrinkage >= 0) || Double.isInfinite(shrinkage)) {
            throw new IllegalArgumentException("shrinkage must be finite and >= 0, got " + shrinkage);
        }
    }

    @Override
    public String method() {
        return "item_knn";
    }

    @Override
    public int rung() {
        return 1;
    }

    @Override
    public ItemToItemRecommender fit(InteractionMatrix x) {
        int m = x.itemCount();
        double[] norms = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int k = x.columnStart(i); k < x.columnEnd(i); k++) {
                s += x.columnWeight(k) * x.columnWeight(k);
            }
            norms[i] = Math.sqrt(s);
        }
        int[] rowStarts = x.rowStarts();
        int[] rowItems = x.rowItems();
        double[] rowWeights = x.rowWeights();
        double[] dots = new double[m];
        int[] touched = new int[m];
        boolean[] marked = new boolean[m];
        NeighbourRows rows = new NeighbourRows(m);
        for (int i = 0; i < m; i++) {
            int count = 0;
            for (int k = x.columnStart(i); k < x.columnEnd(i); k++) {
                int u = x.columnUser(k);
                double xi = x.columnWeight(k);
                for (int e = rowStarts[u]; e < rowStarts[u + 1]; e++) {
                    int j = rowItems[e];
                    if (!marked[j]) {
                        marked[j] = true;
                        touched[count++] = j;
                    }
                    dots[j] += xi * rowWeights[e];
                }
            }
            for (int c = 0; c < count; c++) {
                int j = touched[c];
                dots[j] = dots[j] / (norms[i] * norms[j] + shrinkage);
            }
            rows.addRow(i, dots, touched, count, neighbours, false);
            for (int c = 0; c < count; c++) {
                dots[touched[c]] = 0;
                marked[touched[c]] = false;
            }
        }
        return rows.build(method(), Popularity.overall(x));
    }
}
