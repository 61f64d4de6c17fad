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
 * @param cgSteps conjugate-gradient steps per row and sweep, or 0 for the exact solve
 */
public record ImplicitAls(int factors, double lambda, double alpha, int iterations, long seed, int cgSteps)
        implements RecommenderLearner {

    /** Exact alternating least squares (a Cholesky solve per row). */
    public ImplicitAls(int factors, double lambda, double alpha, int iterations, long seed) {
        this(factors, lambda, alpha, iterations, seed, 0);
    }

    public ImplicitAls {
        if (cgSteps < 0) {
            throw new IllegalArgumentException("cg_steps must be >= 0 (0 for the exact solve), got " + cgSteps);
        }
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
                step(y, itemGram, x.rowItems(), x.rowWeights(), x.rowStart(user), x.rowEnd(user), u, user);
            }
            loss[2 * t] = loss(x, u, y);
            double[] userGram = ImplicitLeastSquares.gram(u, n, f);
            for (int item = 0; item < m; item++) {
                step(u, userGram, x.columnUsers(), x.columnWeights(), x.columnStart(item), x.columnEnd(item), y, item);
            }
            loss[2 * t + 1] = loss(x, u, y);
        }
        return new Factors(u, y, loss);
    }

    /** Updates row {@code row} of {@code target} given the other side's factors {@code other} and their Gram matrix. */
    private void step(double[] other, double[] gram, int[] index, double[] weights, int from, int to, double[] target, int row) {
        int f = factors;
        if (cgSteps == 0) {
            System.arraycopy(ImplicitLeastSquares.solve(other, f, gram, lambda, alpha, index, weights, from, to), 0, target,
                    row * f, f);
            return;
        }
        // conjugate gradient on A x = b, A = YᵀY + λI + Σ (c−1) y yᵀ, b = Σ c y, from the current x
        double[] x = java.util.Arrays.copyOfRange(target, row * f, (row + 1) * f);
        double[] r = new double[f];
        for (int k = from; k < to; k++) {
            double c = 1 + alpha * weights[k];
            int o = index[k] * f;
            for (int a = 0; a < f; a++) {
                r[a] += c * other[o + a];
            }
        }
        double[] ax = multiply(other, gram, index, weights, from, to, x);
        for (int a = 0; a < f; a++) {
            r[a] -= ax[a];
        }
        double[] p = r.clone();
        double rr = dot(r, r);
        for (int s = 0; s < cgSteps && rr > 1e-20; s++) {
            double[] ap = multiply(other, gram, index, weights, from, to, p);
            double stepLength = rr / dot(p, ap);
            for (int a = 0; a < f; a++) {
                x[a] += stepLength * p[a];
                r[a] -= stepLength * ap[a];
            }
            double next = dot(r, r);
            for (int a = 0; a < f; a++) {
                p[a] = r[a] + next / rr * p[a];
            }
            rr = next;
        }
        System.arraycopy(x, 0, target, row * f, f);
    }

    /** {@code A v} without forming A: {@code YᵀY v + λv + Σ (c−1)(y·v) y}. */
    private double[] multiply(double[] other, double[] gram, int[] index, double[] weights, int from, int to, double[] v) {
        int f = factors;
        double[] out = new double[f];
        for (int a = 0; a < f; a++) {
            double s = lambda * v[a];
            for (int b = 0; b < f; b++) {
                s += gram[a * f + b] * v[b];
            }
            out[a] = s;
        }
        for (int k = from; k < to; k++) {
            int o = index[k] * f;
            double yv = 0;
            for (int a = 0; a < f; a++) {
                yv += other[o + a] * v[a];
            }
            double scale = alpha * weights[k] * yv;
            for (int a = 0; a < f; a++) {
                out[a] += scale * other[o + a];
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
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
