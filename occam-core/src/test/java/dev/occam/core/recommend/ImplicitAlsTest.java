package dev.occam.core.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.recommend.FactorRecommender;
import dev.occam.runtime.recommend.History;
import dev.occam.runtime.recommend.RecommendedItem;
import dev.occam.runtime.recommend.Recommendations;
import org.junit.jupiter.api.Test;

class ImplicitAlsTest {

    private static final InteractionMatrix DATA = new PlantedClusters(200, 80, 4, 10, 0.2, 5L).generate().interactions();

    @Test
    void factorise_eachHalfStep_neverIncreasesTheLoss() {
        ImplicitAls als = new ImplicitAls(8, 0.5, 10, 8, 3L);
        double[] loss = als.factorise(DATA).loss();
        for (int k = 1; k < loss.length; k++) {
            assertTrue(loss[k] <= loss[k - 1] * (1 + 1e-12), "loss rose at half-step " + k + ": " + loss[k - 1] + " -> " + loss[k]);
        }
        assertTrue(loss[loss.length - 1] < 0.9 * loss[0], "the loss barely moved: " + loss[0] + " -> " + loss[loss.length - 1]);
    }

    @Test
    void factorise_conjugateGradient_neverIncreasesTheLossAndNearsTheExactFit() {
        double[] cg = new ImplicitAls(8, 0.5, 10, 8, 3L, 3).factorise(DATA).loss();
        for (int k = 1; k < cg.length; k++) {
            assertTrue(cg[k] <= cg[k - 1] * (1 + 1e-12), "loss rose at half-step " + k + ": " + cg[k - 1] + " -> " + cg[k]);
        }
        double[] exact = new ImplicitAls(8, 0.5, 10, 8, 3L).factorise(DATA).loss();
        assertTrue(cg[cg.length - 1] < 1.05 * exact[exact.length - 1], "CG " + cg[cg.length - 1] + " vs exact " + exact[exact.length - 1]);
    }

    @Test
    void factorise_sameSeed_sameFactors() {
        ImplicitAls als = new ImplicitAls(4, 1.0, 5, 3, 9L);
        assertArrayEquals(als.factorise(DATA).items(), als.factorise(DATA).items(), 0.0);
    }

    @Test
    void recommend_foldIn_equalsDenseNormalEquations() {
        // x = (Yᵀ C Y + λI)⁻¹ Yᵀ C p with the full diagonal C over all items (Hu, Koren & Volinsky 2008, eq. 4)
        double lambda = 0.5;
        double alpha = 10;
        int f = 6;
        FactorRecommender fitted = new ImplicitAls(f, lambda, alpha, 4, 1L).fit(DATA);
        double[] y = new ImplicitAls(f, lambda, alpha, 4, 1L).factorise(DATA).items();
        int m = DATA.itemCount();
        History history = DATA.history(17);
        double[] c = new double[m];
        double[] p = new double[m];
        java.util.Arrays.fill(c, 1.0);
        for (int s = 0; s < history.size(); s++) {
            c[history.item(s)] = 1 + alpha * history.weight(s);
            p[history.item(s)] = 1;
        }
        double[][] a = new double[f][f];
        double[] b = new double[f];
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < f; r++) {
                b[r] += y[i * f + r] * c[i] * p[i];
                for (int q = 0; q < f; q++) {
                    a[r][q] += y[i * f + r] * c[i] * y[i * f + q];
                }
            }
        }
        for (int r = 0; r < f; r++) {
            a[r][r] += lambda;
        }
        double[][] inverse = DenseReference.inverse(a);
        double[] x = new double[f];
        for (int r = 0; r < f; r++) {
            for (int q = 0; q < f; q++) {
                x[r] += inverse[r][q] * b[q];
            }
        }
        assertArrayEquals(x, fitted.userFactors(history), 1e-9);
        // each score is x·y_i, and the reasons' contributions (the paper's §5) add up to it
        Recommendations list = fitted.recommend(history, 5);
        for (RecommendedItem item : list.items()) {
            double s = 0;
            for (int r = 0; r < f; r++) {
                s += x[r] * y[item.item() * f + r];
            }
            assertEquals(s, item.score(), 1e-9);
            double sum = 0;
            for (int k = 0; k < history.size(); k++) {
                double yWy = 0;
                for (int r = 0; r < f; r++) {
                    for (int q = 0; q < f; q++) {
                        yWy += y[item.item() * f + r] * inverse[r][q] * y[history.item(k) * f + q];
                    }
                }
                sum += c[history.item(k)] * yWy;
            }
            assertEquals(s, sum, 1e-9, "the contributions of the seen items add up to the score");
        }
    }
}
