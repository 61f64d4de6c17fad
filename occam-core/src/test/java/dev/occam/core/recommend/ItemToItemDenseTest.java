package dev.occam.core.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.recommend.ItemToItemRecommender;
import dev.occam.runtime.recommend.RecommendedItem;
import dev.occam.runtime.recommend.Recommendations;
import org.junit.jupiter.api.Test;

/**
 * Item kNN, P3alpha / RP3beta and EASE against their definitions computed densely and plainly on a small
 * matrix (30 users × 12 items, weights 1..5), to 1e-9: the weights, and the scores of every user's list.
 */
class ItemToItemDenseTest {

    private static final double[][] X = DenseReference.randomMatrix(30, 12, 0.3, 11L);
    private static final InteractionMatrix SPARSE = DenseReference.sparse(X);
    private static final int M = 12;

    @Test
    void itemKnn_allNeighboursKept_equalsDenseShrunkCosine() {
        double h = 3.0;
        double[][] s = new double[M][M];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                double dot = 0;
                double ni = 0;
                double nj = 0;
                for (double[] row : X) {
                    dot += row[i] * row[j];
                    ni += row[i] * row[i];
                    nj += row[j] * row[j];
                }
                s[i][j] = i == j ? 0 : dot / (Math.sqrt(ni) * Math.sqrt(nj) + h);
            }
        }
        ItemToItemRecommender fitted = new ItemKnn(M, h).fit(SPARSE);
        assertWeights(s, fitted);
        assertScores(s, fitted);
    }

    @Test
    void itemKnn_twoNeighbours_keepsEachRowsTwoLargest() {
        ItemToItemRecommender all = new ItemKnn(M, 0).fit(SPARSE);
        ItemToItemRecommender two = new ItemKnn(2, 0).fit(SPARSE);
        for (int i = 0; i < M; i++) {
            assertEquals(all.similar(i, 2), two.similar(i, 12), "item " + i);
        }
    }

    @Test
    void randomWalk_allNeighboursKept_equalsDenseThreeStepProbabilities() {
        double alpha = 0.7;
        double beta = 0.4;
        double[][] w = new double[M][M];
        double[] rowSums = new double[X.length];
        double[] columnSums = new double[M];
        double[] degree = new double[M];
        for (int u = 0; u < X.length; u++) {
            for (int i = 0; i < M; i++) {
                rowSums[u] += X[u][i];
                columnSums[i] += X[u][i];
                degree[i] += X[u][i] != 0 ? 1 : 0;
            }
        }
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                double sum = 0;
                for (int u = 0; u < X.length; u++) {
                    if (X[u][i] != 0 && X[u][j] != 0) {
                        sum += Math.pow(X[u][i] / columnSums[i], alpha) * Math.pow(X[u][j] / rowSums[u], alpha);
                    }
                }
                w[i][j] = i == j ? 0 : sum / Math.pow(degree[j], beta);
            }
        }
        ItemToItemRecommender fitted = RandomWalk.rp3beta(alpha, beta, M).fit(SPARSE);
        assertWeights(w, fitted);
        assertScores(w, fitted);
    }

    @Test
    void ease_weights_equalDenseClosedForm() {
        double lambda = 5.0;
        double[][] g = new double[M][M];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                for (double[] row : X) {
                    g[i][j] += row[i] * row[j];
                }
            }
            g[i][i] += lambda;
        }
        double[][] p = DenseReference.inverse(g);
        double[][] b = new double[M][M];
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                b[i][j] = i == j ? 0 : -p[i][j] / p[j][j];
            }
        }
        int[] all = java.util.stream.IntStream.range(0, M).toArray();
        double[][] fromCode = Ease.weights(SPARSE, all, lambda);
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                assertEquals(b[i][j], fromCode[i][j], 1e-9, "B[" + i + "][" + j + "]");
            }
        }
        ItemToItemRecommender fitted = new Ease(lambda, M, 100).fit(SPARSE);
        assertWeights(b, fitted);
        assertScores(b, fitted);
    }

    @Test
    void ease_moreItemsThanTheCap_fitsThePopularOnesAndSaysSo() {
        Ease capped = new Ease(5.0, M, 4);
        String note = capped.notes(SPARSE).get(0);
        assertTrue(note.startsWith("EASE was fitted on the 4 most popular of the 12 items"), note);
        ItemToItemRecommender fitted = capped.fit(SPARSE);
        int[] kept = capped.keptItems(SPARSE);
        assertEquals(4, kept.length);
        for (int i = 0; i < M; i++) {
            boolean inside = java.util.Arrays.binarySearch(kept, i) >= 0;
            for (int j = 0; j < M; j++) {
                if (!inside || java.util.Arrays.binarySearch(kept, j) < 0) {
                    assertEquals(0.0, fitted.weight(i, j), 0.0, i + " -> " + j);
                }
            }
        }
    }

    private static void assertWeights(double[][] w, ItemToItemRecommender fitted) {
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                assertEquals(w[i][j], fitted.weight(i, j), 1e-9, "W[" + i + "][" + j + "]");
            }
        }
    }

    /** Every user's list: each model-scored item's score is the dense x_u·W, and they come in the dense order. */
    private static void assertScores(double[][] w, ItemToItemRecommender fitted) {
        for (int u = 0; u < X.length; u++) {
            double[] dense = DenseReference.scores(X[u], w);
            Recommendations list = fitted.recommend(SPARSE.history(u), M);
            double previous = Double.POSITIVE_INFINITY;
            for (RecommendedItem item : list.items()) {
                assertEquals(0.0, X[u][item.item()], 0.0, "user " + u + " was recommended a seen item");
                if (!item.fromPopularity()) {
                    assertEquals(dense[item.item()], item.score(), 1e-9, "user " + u + ", item " + item.item());
                    assertTrue(item.score() <= previous);
                    previous = item.score();
                } else {
                    assertTrue(dense[item.item()] <= 1e-12, "a positive item came from popularity");
                }
            }
        }
    }
}
