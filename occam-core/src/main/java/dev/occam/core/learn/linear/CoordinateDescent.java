package dev.occam.core.learn.linear;

/**
 * Elastic-net coordinate descent on a standardised design, one λ at a time, each solve starting from the
 * last (warm starts along a decreasing path), after Friedman, Hastie &amp; Tibshirani, <i>Regularization
 * Paths for Generalized Linear Models via Coordinate Descent</i>, J. Stat. Software 33(1), 2010.
 *
 * <p>It minimises {@code loss(b₀, b) + λ·(α‖b‖₁ + (1−α)/2·‖b‖₂²)} with the intercept unpenalised, where
 * the loss is {@code RSS / (2n)} (gaussian) or {@code −loglik / n} (binomial). Each coordinate update
 * is the closed-form minimiser of the quadratic model in that coordinate (section 2.1 of the paper):
 * {@code bⱼ ← S(Σᵢ vᵢ zᵢⱼ rᵢ + cⱼ bⱼ, λα) / (cⱼ + λ(1−α))}, with S the soft-threshold, vᵢ the row
 * weights, rᵢ the working residuals and {@code cⱼ = Σᵢ vᵢ zᵢⱼ²}. Gaussian weights are 1/n and one
 * quadratic is exact. Binomial fits are proximal Newton (section 3 of the paper): the log-likelihood is
 * replaced by its quadratic approximation at the current fit (weights {@code p(1−p)/n}, working residuals
 * {@code (y − p) / (p(1−p))}), that quadratic is minimised by coordinate descent, and the approximation is
 * renewed until the step it gives is negligible. A step that raises the penalised objective is halved
 * until it does not, so each renewal descends.
 *
 * <p>Active-set cycling (section 2.6): a pass over every column, then passes over the columns that have
 * ever been non-zero until they settle, then another full pass; a solve ends when a full pass changes
 * nothing by more than the tolerance. The change of a coordinate is measured as glmnet measures it, by
 * {@code cⱼ·Δbⱼ²} (the decrease of the quadratic it buys, up to a factor 2), against
 * {@code threshold × null deviance / n}.
 *
 * <p>Not thread-safe: one instance per path. The design and the response are read, never changed.
 */
final class CoordinateDescent {

    /**
     * Floor on p(1 − p) in the binomial weights, so that rows fitted almost perfectly still bound the Newton
     * step. It changes the path taken, not the solution: the stationary point is the same.
     */
    private static final double WEIGHT_FLOOR = 1e-5;
    /** glmnet's rule for λ_max when α is (near) zero: it divides by max(α, 1e-3). */
    private static final double SMALLEST_ALPHA_FOR_LAMBDA_MAX = 1e-3;
    private static final int MAX_HALVINGS = 30;

    /** The result at one λ: intercept and coefficients on the standardised scale, and the fit's deviance. */
    record Point(double intercept, double[] coefficients, double deviance, boolean converged) {
    }

    private final StandardizedDesign design;
    private final double[] y;
    private final boolean binomial;
    private final double alpha;
    private final int n;
    private final int p;
    private final double nullDeviance;
    private final double nullIntercept;
    private final double tolerance;
    private final double lambdaMax;

    private double intercept;
    private final double[] beta;
    private final double[] eta;
    private final boolean[] everActive;
    private final int[] active;
    private int activeCount;

    private final double[] weights;
    private double weightSum;
    /** Weighted working residuals, {@code vᵢ·(working response − ηᵢ)}. */
    private final double[] residual;
    private final double[] curvature;
    private final boolean[] curvatureKnown;

    private int passesLeft;

    /**
     * Starts at the null model (intercept only).
     *
     * @param y 0/1 (binomial) or numeric responses, one per design row
     * @param threshold convergence threshold relative to the null deviance per row (glmnet's {@code thresh})
     * @param maxPasses passes over the data allowed for the whole path (glmnet's {@code maxit})
     */
    CoordinateDescent(StandardizedDesign design, double[] y, boolean binomial, double alpha, double threshold,
            int maxPasses) {
        this.design = design;
        this.y = y;
        this.binomial = binomial;
        this.alpha = alpha;
        this.n = design.rows();
        this.p = design.usableCount();
        this.passesLeft = maxPasses;
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double nullDev = 0;
        if (binomial) {
            for (double v : y) {
                nullDev += v == 1.0 ? -2.0 * Math.log(mean) : -2.0 * Math.log(1.0 - mean);
            }
            intercept = Math.log(mean / (1.0 - mean));
        } else {
            for (double v : y) {
                nullDev += (v - mean) * (v - mean);
            }
            intercept = mean;
        }
        this.nullDeviance = nullDev;
        this.nullIntercept = intercept;
        this.tolerance = threshold * nullDev / n;
        this.beta = new double[p];
        this.eta = new double[n];
        java.util.Arrays.fill(eta, intercept);
        this.everActive = new boolean[p];
        this.active = new int[p];
        this.weights = new double[n];
        this.residual = new double[n];
        this.curvature = new double[p];
        this.curvatureKnown = new boolean[p];
        if (!binomial) {
            java.util.Arrays.fill(weights, 1.0 / n);
            weightSum = 1.0;
        }
        this.lambdaMax = largestNullGradient(mean) / Math.max(alpha, SMALLEST_ALPHA_FOR_LAMBDA_MAX);
    }

    double nullDeviance() {
        return nullDeviance;
    }

    /**
     * The smallest λ at which every coefficient is zero: {@code max_j |Σᵢ zᵢⱼ (yᵢ − ȳ)| / n}, divided by
     * max(α, 0.001) as glmnet does so that a ridge path starts somewhere finite. Zero when no column varies
     * or the response does not.
     */
    double lambdaMax() {
        return lambdaMax;
    }

    private double largestNullGradient(double mean) {
        double largest = 0;
        for (int k = 0; k < p; k++) {
            double[] z = design.column(k);
            double g = 0;
            for (int i = 0; i < n; i++) {
                g += z[i] * (y[i] - mean);
            }
            largest = Math.max(largest, Math.abs(g) / n);
        }
        return largest;
    }

    /** Whether passes remain in the budget. */
    boolean hasBudget() {
        return passesLeft > 0;
    }

    /**
     * Solves at {@code lambda}, starting from the previous solution. At or above λ_max (with α >= 0.001,
     * where λ_max is where every coefficient becomes zero) the answer is the null model by definition,
     * returned exactly rather than up to rounding in the gradient.
     */
    Point solve(double lambda) {
        if (lambda >= lambdaMax && alpha >= SMALLEST_ALPHA_FOR_LAMBDA_MAX) {
            intercept = nullIntercept;
            java.util.Arrays.fill(beta, 0.0);
            java.util.Arrays.fill(eta, nullIntercept);
            return new Point(intercept, beta.clone(), deviance(), true);
        }
        double l1 = lambda * alpha;
        double l2 = lambda * (1.0 - alpha);
        boolean converged;
        if (!binomial) {
            for (int i = 0; i < n; i++) {
                residual[i] = (y[i] - eta[i]) / n;
            }
            converged = descend(l1, l2);
        } else {
            converged = false;
            double[] betaBefore = new double[p];
            double[] etaBefore = new double[n];
            while (passesLeft > 0) {
                renewQuadratic();
                double interceptBefore = intercept;
                System.arraycopy(beta, 0, betaBefore, 0, p);
                System.arraycopy(eta, 0, etaBefore, 0, n);
                double objectiveBefore = objective(l1, l2);
                boolean innerConverged = descend(l1, l2);
                halveUntilDescent(l1, l2, objectiveBefore, interceptBefore, betaBefore, etaBefore);
                double change = weightSum * sq(intercept - interceptBefore);
                for (int a = 0; a < activeCount; a++) {
                    int k = active[a];
                    change = Math.max(change, curvature(k) * sq(beta[k] - betaBefore[k]));
                }
                if (innerConverged && change <= tolerance) {
                    converged = true;
                    break;
                }
            }
        }
        return new Point(intercept, beta.clone(), deviance(), converged);
    }

    /** Binomial: weights and working residuals of the quadratic approximation at the current fit. */
    private void renewQuadratic() {
        weightSum = 0;
        for (int i = 0; i < n; i++) {
            double mu = 1.0 / (1.0 + Math.exp(-eta[i]));
            double w = Math.max(mu * (1.0 - mu), WEIGHT_FLOOR) / n;
            weights[i] = w;
            weightSum += w;
            residual[i] = (y[i] - mu) / n;
        }
        java.util.Arrays.fill(curvatureKnown, false);
    }

    /**
     * If the step from {@code before} raised the penalised objective, moves back towards {@code before}
     * by halves until it does not (or gives up after {@link #MAX_HALVINGS}).
     */
    private void halveUntilDescent(double l1, double l2, double objectiveBefore, double interceptBefore,
            double[] betaBefore, double[] etaBefore) {
        double objective = objective(l1, l2);
        for (int h = 0; h < MAX_HALVINGS && objective > objectiveBefore; h++) {
            intercept = 0.5 * (intercept + interceptBefore);
            for (int k = 0; k < p; k++) {
                beta[k] = 0.5 * (beta[k] + betaBefore[k]);
            }
            for (int i = 0; i < n; i++) {
                eta[i] = 0.5 * (eta[i] + etaBefore[i]);
            }
            objective = objective(l1, l2);
        }
    }

    /**
     * Coordinate descent on the current quadratic: full passes alternating with active-set passes, until
     * a full pass changes nothing by more than the tolerance.
     *
     * @return false when the pass budget ran out first
     */
    private boolean descend(double l1, double l2) {
        while (passesLeft > 0) {
            passesLeft--;
            if (pass(l1, l2, true) <= tolerance) {
                return true;
            }
            while (passesLeft > 0) {
                passesLeft--;
                if (pass(l1, l2, false) <= tolerance) {
                    break;
                }
            }
        }
        return false;
    }

    /** One pass over the intercept and every column (or the active ones); returns the largest change. */
    private double pass(double l1, double l2, boolean all) {
        double largest = 0;
        double shift = 0;
        for (int i = 0; i < n; i++) {
            shift += residual[i];
        }
        shift /= weightSum;
        if (shift != 0.0) {
            intercept += shift;
            for (int i = 0; i < n; i++) {
                residual[i] -= weights[i] * shift;
                eta[i] += shift;
            }
            largest = weightSum * shift * shift;
        }
        int count = all ? p : activeCount;
        for (int a = 0; a < count; a++) {
            int k = all ? a : active[a];
            double[] z = design.column(k);
            double gradient = 0;
            for (int i = 0; i < n; i++) {
                gradient += z[i] * residual[i];
            }
            double old = beta[k];
            if (old == 0.0 && Math.abs(gradient) <= l1) {
                continue; // stays at zero: the cheap, common case for inactive columns
            }
            double c = curvature(k);
            double u = gradient + c * old;
            double updated = softThreshold(u, l1) / (c + l2);
            double delta = updated - old;
            if (delta == 0.0) {
                continue;
            }
            beta[k] = updated;
            for (int i = 0; i < n; i++) {
                residual[i] -= weights[i] * z[i] * delta;
                eta[i] += z[i] * delta;
            }
            largest = Math.max(largest, c * delta * delta);
            if (!everActive[k]) {
                everActive[k] = true;
                active[activeCount++] = k;
            }
        }
        return largest;
    }

    private double curvature(int k) {
        if (!curvatureKnown[k]) {
            double[] z = design.column(k);
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += weights[i] * z[i] * z[i];
            }
            curvature[k] = c;
            curvatureKnown[k] = true;
        }
        return curvature[k];
    }

    /** Residual deviance of the current fit: RSS, or −2 · log-likelihood for 0/1 responses. */
    private double deviance() {
        double d = 0;
        for (int i = 0; i < n; i++) {
            if (binomial) {
                d += 2.0 * (log1pExp(eta[i]) - y[i] * eta[i]);
            } else {
                double r = y[i] - eta[i];
                d += r * r;
            }
        }
        return d;
    }

    /** The penalised objective (binomial): −loglik / n + λ(α‖b‖₁ + (1−α)/2‖b‖²). */
    private double objective(double l1, double l2) {
        double penalty = 0;
        for (int k = 0; k < p; k++) {
            penalty += l1 * Math.abs(beta[k]) + 0.5 * l2 * beta[k] * beta[k];
        }
        return deviance() / (2.0 * n) + penalty;
    }

    /** log(1 + e^x) without overflow. */
    static double log1pExp(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double softThreshold(double u, double t) {
        if (u > t) {
            return u - t;
        }
        if (u < -t) {
            return u + t;
        }
        return 0.0;
    }

    private static double sq(double x) {
        return x * x;
    }
}
