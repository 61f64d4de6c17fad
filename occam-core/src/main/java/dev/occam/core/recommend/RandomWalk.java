package dev.occam.core.recommend;

import dev.occam.runtime.recommend.ItemToItemRecommender;

/**
 * Rung 2: random walks on the user–item graph. From item i a walker steps to one of i's users u, with
 * probability {@code P_iu = x_ui / Σ_v x_vi}, then to one of u's items j, with probability
 * {@code P_uj = x_uj / Σ_l x_ul}. P3alpha (Cooper, Lee, Radchenko &amp; Symeonidis, "Random walks in
 * recommender systems: exact computation and simulations", WWW 2014 Companion) raises each transition
 * probability to the power α: {@code W_ij = Σ_u P_iu^α · P_uj^α}. A user's score for j is
 * {@code Σ_i x_ui W_ij}; with 0/1 interactions that ranks the items as the three-step probability from the user,
 * {@code Σ_i P_ui^α W_ij}, does. RP3beta (Paudel,
 * Christoffel, Newell &amp; Bernstein, "Updatable, accurate, diverse, and scalable recommendations for
 * interactive applications", ACM TiiS 7(1), 2017) divides by the target's popularity to the power β,
 * {@code W_ij / d_j^β} (d_j the number of users of j), which lifts the long tail. Each item keeps its
 * {@code neighbours} largest weights (the item-to-item form of Ferrari Dacrema, Cremonesi &amp; Jannach,
 * RecSys 2019).
 *
 * @param reranked false for P3alpha (β must be 0), true for RP3beta
 * @param alpha the exponent of the transition probabilities, > 0
 * @param beta the popularity exponent, in [0, 1]
 * @param neighbours how many items each item keeps, >= 1
 */
public record RandomWalk(boolean reranked, double alpha, double beta, int neighbours) implements RecommenderLearner {

    public RandomWalk {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and > 0, got " + alpha);
        }
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1], got " + beta);
        }
        if (!reranked && beta != 0) {
            throw new IllegalArgumentException("P3alpha has no popularity exponent: beta must be 0, got " + beta + " (use RP3beta)");
        }
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be >= 1, got " + neighbours);
        }
    }

    public static RandomWalk p3alpha(double alpha, int neighbours) {
        return new RandomWalk(false, alpha, 0, neighbours);
    }

    public static RandomWalk rp3beta(double alpha, double beta, int neighbours) {
        return new RandomWalk(true, alpha, beta, neighbours);
    }

    @Override
    public String method() {
        return reranked ? "rp3beta" : "p3alpha";
    }

    @Override
    public int rung() {
        return 2;
    }

    @Override
    public ItemToItemRecommender fit(InteractionMatrix x) {
        int users = x.userCount();
        int m = x.itemCount();
        int[] rowStarts = x.rowStarts();
        int[] rowItems = x.rowItems();
        double[] rowWeights = x.rowWeights();
        // P_uj^α, stored aligned with the rows
        double[] userToItem = new double[rowItems.length];
        for (int u = 0; u < users; u++) {
            double sum = 0;
            for (int e = rowStarts[u]; e < rowStarts[u + 1]; e++) {
                sum += rowWeights[e];
            }
            for (int e = rowStarts[u]; e < rowStarts[u + 1]; e++) {
                userToItem[e] = Math.pow(rowWeights[e] / sum, alpha);
            }
        }
        double[] degreePenalty = new double[m];
        for (int j = 0; j < m; j++) {
            int d = x.columnEnd(j) - x.columnStart(j);
            degreePenalty[j] = d == 0 ? 0 : Math.pow(d, -beta);
        }
        double[] w = new double[m];
        int[] touched = new int[m];
        boolean[] marked = new boolean[m];
        NeighbourRows rows = new NeighbourRows(m);
        for (int i = 0; i < m; i++) {
            double columnSum = 0;
            for (int k = x.columnStart(i); k < x.columnEnd(i); k++) {
                columnSum += x.columnWeight(k);
            }
            int count = 0;
            for (int k = x.columnStart(i); k < x.columnEnd(i); k++) {
                int u = x.columnUser(k);
                double itemToUser = Math.pow(x.columnWeight(k) / columnSum, alpha);
                for (int e = rowStarts[u]; e < rowStarts[u + 1]; e++) {
                    int j = rowItems[e];
                    if (!marked[j]) {
                        marked[j] = true;
                        touched[count++] = j;
                    }
                    w[j] += itemToUser * userToItem[e];
                }
            }
            for (int c = 0; c < count; c++) {
                w[touched[c]] *= degreePenalty[touched[c]];
            }
            rows.addRow(i, w, touched, count, neighbours, false);
            for (int c = 0; c < count; c++) {
                w[touched[c]] = 0;
                marked[touched[c]] = false;
            }
        }
        return rows.build(method(), Popularity.overall(x));
    }
}
