package dev.occam.core.recommend;

import dev.occam.runtime.recommend.FactorRecommender;
import dev.occam.runtime.recommend.ImplicitLeastSquares;
import java.util.SplittableRandom;

/**
 * Rung 4, the complex one: implicit-feedback matrix factorisation by alternating least squares (Hu, Koren &amp;
 * Volinsky, "Collaborative filtering for implicit feedback datasets", ICDM 2008). Every (user, item) pair
 * enters the loss: the preference is 1 where there was an interaction and 0 elsewhere, trusted with
 * confidence {@code c = 1 + α·w} (w the interaction's weight) and 1 elsewhere:
 * {@code L = Σ_{u,i} c_ui (p_ui − x_uᵀy_i)² + λ(Σ_u ‖x_u‖² + Σ_i ‖y_i‖²)}. Each sweep solves every user's
 * factors exactly with the items' fixed (one Cholesky per user, {@link ImplicitLeastSquares}), then every
 * item's with the users' fixed; each half-step minimises L over its block, so L never increases. The item
 * factors start as seeded normal draws with sd 0.01.
 *
 * @param factors the number of latent factors, >= 1
 * @param lambda the L2 penalty, > 0
 * @param alpha the confidence slope, >= 0
 * @param iterations sweeps (user step then item step), >= 1
 * @param seed the starting factors
 */
public record ImplicitAls(int factors, double lambda, double alpha, int iterations, long seed) implements RecommenderLearner {

    public ImplicitAls {
        if (factors < 1) {
            throw new IllegalArgumentException("factors must be >= 1, got " + factors);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and > 0, got " + lambda);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
    }

    @Override
    public String method() {
        return "als";
    }

    @Override
    public int rung() {
        return 4;
    }

    @Override
    public FactorRecommender fit(InteractionMatrix train) {
        Factors f = factorise(train);
        return new FactorRecommender(train.itemCount(), factors, lambda, alpha, f.items(), Popularity.overall(train));
    }

    /**
     * The fitted factors (row-major) and the loss after each half-step: {@code loss[2t]} after sweep t's user
     * step, {@code loss[2t+1]} after its item step.
     */
    public record Factors(double[] users, double[] items, double[] loss) {
    }

    public Factors factorise(InteractionMatrix x) {
        int n = x.userCount();
        int m = x.itemCount();
        int f = factors;
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[m * f];
        for (int k = 0; k < y.length; k++) {
            y[k] = 0.01 * random.nextGaussian();
        }
        double[] u = new double[n * f];
        double[] loss = new double[2 * iterations];
        for (int t = 0; t < iterations; t++) {
            double[] itemGram = ImplicitLeastSquares.gram(y, m, f);
            for (int user = 0; user < n; user++) {
                double[] xu = ImplicitLeastSquares.solve(y, f, itemGram, lambda, alpha, x.rowItems(), x.rowWeights(),
                        x.rowStart(user), x.rowEnd(user));
                System.arraycopy(xu, 0, u, user * f, f);
            }
            loss[2 * t] = loss(x, u, y);
            double[] userGram = ImplicitLeastSquares.gram(u, n, f);
            for (int item = 0; item < m; item++) {
                double[] yi = ImplicitLeastSquares.solve(u, f, userGram, lambda, alpha, x.columnUsers(), x.columnWeights(),
                        x.columnStart(item), x.columnEnd(item));
                System.arraycopy(yi, 0, y, item * f, f);
            }
            loss[2 * t + 1] = loss(x, u, y);
        }
        return new Factors(u, y, loss);
    }

    /**
     * L, over all users × items without visiting the zeros: {@code Σ_all (x_uᵀy_i)²} is
     * {@code Σ_u x_uᵀ(YᵀY)x_u}, and each interaction replaces its term {@code s²} by {@code c(1 − s)²}.
     */
    double loss(InteractionMatrix x, double[] u, double[] y) {
        int f = factors;
        double[] itemGram = ImplicitLeastSquares.gram(y, x.itemCount(), f);
        double total = 0;
        for (int user = 0; user < x.userCount(); user++) {
            int o = user * f;
            for (int a = 0; a < f; a++) {
                double s = 0;
                for (int b = 0; b < f; b++) {
                    s += itemGram[a * f + b] * u[o + b];
                }
                total += u[o + a] * s;
            }
            for (int e = x.rowStart(user); e < x.rowEnd(user); e++) {
                int io = x.item(e) * f;
                double s = 0;
                for (int a = 0; a < f; a++) {
                    s += u[o + a] * y[io + a];
                }
                double c = 1 + alpha * x.weight(e);
                total += c * (1 - s) * (1 - s) - s * s;
            }
        }
        double penalty = 0;
        for (double v : u) {
            penalty += v * v;
        }
        for (double v : y) {
            penalty += v * v;
        }
        return total + lambda * penalty;
    }
}
