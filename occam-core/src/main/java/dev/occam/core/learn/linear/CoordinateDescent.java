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
 * nothing by more than the tolerance. Full passes visit the strong set only (the sequential strong rule of
 * Tibshirani et al. 2012: columns ever non-zero, and those whose gradient at the previous λ's solution reaches
 * {@code α(2λ − λ_prev)}), and end by checking that every column left out is optimal at zero, bringing back any
 * that is not: the solution is the one full passes reach, without reading the columns that stay at zero over
 * and over. The change of a coordinate is measured as glmnet measures it, by
 * {@code cⱼ·Δbⱼ²} (the decrease of the quadratic it buys, up to a factor 2), against
 * {@code threshold × null deviance / n}.
 *
 * <p>Gaussian fits with at most {@link #COVARIANCE_MAX_COLUMNS} columns use glmnet's covariance updates
 * (section 2.2 of the paper): the gradient of every column is kept, {@code gⱼ = Σᵢ zᵢⱼ rᵢ}, and a change
 * δ of {@code bₖ} moves each by {@code −δ·⟨zⱼ, zₖ⟩/n}, with the inner products of a column computed once,
 * when it first changes. A pass then costs O(p) per changed coordinate instead of O(n·p), and the linear
 * predictor is rebuilt once per λ. The iterates are the naive updates' up to rounding.
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
    /** glmnet's default switch: covariance updates up to 500 columns, naive updates beyond. */
    static final int COVARIANCE_MAX_COLUMNS = 500;

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
     * The columns a full pass visits at the current λ: those that were ever non-zero and those the sequential
     * strong rule keeps (Tibshirani et al. 2012); the others are checked once a pass over these has settled.
     */
    private final boolean[] strong;
    /** The λ solved before, for the strong rule (λ_max before the first). */
    private double previousLambda;

    /** Gaussian with few columns: gradients kept by covariance updates (null otherwise). */
    private final double[] gradient;
    /** {@code ⟨zⱼ, zₖ⟩} for every j, per column k once it has changed; null until then. */
    private final double[][] gram;
    /** {@code Σᵢ zᵢₖ} per column (zero up to rounding: the columns are centred). */
    private final double[] columnSum;
    /** {@code Σᵢ rᵢ}, kept with the gradients. */
    private double residualSum;
    /** Whether {@code eta} lags behind the coefficients (covariance updates do not touch it). */
    private boolean etaStale;
    private boolean gradientsKnown;

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
        this.strong = new boolean[p];
        java.util.Arrays.fill(strong, true);
        if (!binomial) {
            java.util.Arrays.fill(weights, 1.0 / n);
            weightSum = 1.0;
        }
        this.lambdaMax = largestNullGradient(mean) / Math.max(alpha, SMALLEST_ALPHA_FOR_LAMBDA_MAX);
        this.previousLambda = lambdaMax;
        boolean covariance = !binomial && p <= COVARIANCE_MAX_COLUMNS;
        this.gradient = covariance ? new double[p] : null;
        this.gram = covariance ? new double[p][] : null;
        this.columnSum = covariance ? new double[p] : null;
        if (covariance) {
            for (int k = 0; k < p; k++) {
                double[] z = design.column(k);
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += z[i];
                }
                columnSum[k] = sum;
            }
        }
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
            etaStale = false;
            gradientsKnown = false;
            previousLambda = lambda;
            return new Point(intercept, beta.clone(), deviance(), true);
        }
        double l1 = lambda * alpha;
        double l2 = lambda * (1.0 - alpha);
        boolean converged;
        if (!binomial) {
            refreshEta();
            for (int i = 0; i < n; i++) {
                residual[i] = (y[i] - eta[i]) / n;
            }
            if (gradient != null && !gradientsKnown) {
                // Once per path: afterwards every change keeps them (the residuals above equal theirs).
                startCovariance();
                gradientsKnown = true;
            }
            screen(lambda);
            converged = descend(l1, l2);
            refreshEta();
        } else {
            converged = false;
            double[] betaBefore = new double[p];
            double[] etaBefore = new double[n];
            boolean screened = false;
            while (passesLeft > 0) {
                renewQuadratic();
                if (!screened) {
                    // The residuals now give the gradient at the previous λ's solution, which the rule reads.
                    screen(lambda);
                    screened = true;
                }
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
        previousLambda = lambda;
        return new Point(intercept, beta.clone(), deviance(), converged);
    }

    /**
     * The sequential strong rule (Tibshirani, Bien, Friedman, Hastie, Simon, Taylor &amp; Tibshirani, <i>Strong
     * rules for discarding predictors in lasso-type problems</i>, JRSS B 74(2), 2012, section 5): a column still
     * at zero whose gradient at the previous λ's solution is below {@code α(2λ − λ_prev)} will most likely stay
     * at zero, so full passes leave it out. The rule can be wrong; {@link #descend} checks the left-out columns'
     * optimality once the others have settled and brings back any that would move, so the solution is the one
     * full passes reach. Costs one gradient per column not yet active (kept gradients make it free).
     */
    private void screen(double lambda) {
        double bound = alpha * (2.0 * lambda - previousLambda);
        for (int k = 0; k < p; k++) {
            strong[k] = everActive[k] || bound <= 0 || Math.abs(gradient(k)) >= bound;
        }
    }

    /** The gradient of column k at the current fit: kept (covariance updates) or summed from the residuals. */
    private double gradient(int k) {
        return gradient != null ? gradient[k] : naiveGradient(k);
    }

    /**
     * Whether every column left out by the strong rule is optimal at zero ({@code |gⱼ| <= λα}, the
     * Karush-Kuhn-Tucker condition a full pass tests before leaving a column at zero); a column that is not is
     * brought into the full passes.
     */
    private boolean leftOutOptimal(double l1) {
        boolean optimal = true;
        for (int k = 0; k < p; k++) {
            if (!strong[k] && Math.abs(gradient(k)) > l1) {
                strong[k] = true;
                optimal = false;
            }
        }
        return optimal;
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
            // A full pass is one over the strong set followed by the check of the rest (together they read every
            // column once, and count as one pass of the budget).
            if (pass(l1, l2, true) <= tolerance && leftOutOptimal(l1)) {
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

    /** Gradients and the residual sum from the current residuals, before covariance passes at a new λ. */
    private void startCovariance() {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += residual[i];
        }
        residualSum = sum;
        for (int k = 0; k < p; k++) {
            gradient[k] = dot(design.column(k), residual);
        }
    }

    /** The linear predictor from the intercept and coefficients, when covariance passes left it behind. */
    private void refreshEta() {
        if (!etaStale) {
            return;
        }
        java.util.Arrays.fill(eta, intercept);
        for (int k = 0; k < p; k++) {
            double b = beta[k];
            if (b != 0.0) {
                double[] z = design.column(k);
                for (int i = 0; i < n; i++) {
                    eta[i] += z[i] * b;
                }
            }
        }
        etaStale = false;
    }

    /** {@code ⟨zⱼ, zₖ⟩} for every column j, computed the first time column k changes. */
    private double[] gramColumn(int k) {
        double[] g = gram[k];
        if (g == null) {
            double[] zk = design.column(k);
            g = new double[p];
            for (int j = 0; j < p; j++) {
                // Symmetric: a column computed before already holds this product.
                g[j] = gram[j] != null ? gram[j][k] : dot(design.column(j), zk);
            }
            gram[k] = g;
        }
        return g;
    }

    /** Four partial sums, so the products run in parallel in the core (a single sum is one long chain). */
    private static double dot(double[] a, double[] b) {
        int n = a.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * One pass over the intercept and every column (or the active ones); returns the largest change. With
     * covariance updates the kept gradients are read and moved; otherwise each gradient is summed from the
     * residuals, which each change moves.
     */
    private double pass(double l1, double l2, boolean all) {
        double largest = 0;
        double shift = (gradient != null ? residualSum : sum(residual)) / weightSum;
        if (shift != 0.0) {
            intercept += shift;
            shiftIntercept(shift);
            largest = weightSum * shift * shift;
        }
        int count = all ? p : activeCount;
        for (int a = 0; a < count; a++) {
            int k = all ? a : active[a];
            if (!strong[k]) {
                continue; // left out by the strong rule until the check at the end of the pass brings it back
            }
            double g = gradient(k);
            double old = beta[k];
            if (old == 0.0 && Math.abs(g) <= l1) {
                continue; // stays at zero: the cheap, common case for inactive columns
            }
            double c = curvature(k);
            double updated = softThreshold(g + c * old, l1) / (c + l2);
            double delta = updated - old;
            if (delta == 0.0) {
                continue;
            }
            beta[k] = updated;
            moveCoordinate(k, delta);
            largest = Math.max(largest, c * delta * delta);
            if (!everActive[k]) {
                everActive[k] = true;
                active[activeCount++] = k;
            }
        }
        return largest;
    }

    /** Four partial sums, as {@link #dot}. */
    private double sum(double[] v) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < n; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σᵢ zᵢₖ rᵢ} from the residuals. */
    private double naiveGradient(int k) {
        return dot(design.column(k), residual);
    }

    /** The intercept moved by {@code shift}: each weighted residual drops by its weight times it. */
    private void shiftIntercept(double shift) {
        if (gradient != null) {
            // Each residual drops by shift / n.
            for (int k = 0; k < p; k++) {
                gradient[k] -= columnSum[k] * shift / n;
            }
            residualSum -= shift * weightSum;
            etaStale = true;
            return;
        }
        for (int i = 0; i < n; i++) {
            residual[i] -= weights[i] * shift;
            eta[i] += shift;
        }
    }

    /** Coefficient k moved by {@code delta}: the gradients by its inner products, or the residuals row by row. */
    private void moveCoordinate(int k, double delta) {
        if (gradient != null) {
            double[] g = gramColumn(k);
            double step = delta / n;
            for (int j = 0; j < p; j++) {
                gradient[j] -= g[j] * step;
            }
            residualSum -= columnSum[k] * step;
            etaStale = true;
            return;
        }
        double[] z = design.column(k);
        for (int i = 0; i < n; i++) {
            residual[i] -= weights[i] * z[i] * delta;
            eta[i] += z[i] * delta;
        }
    }

    private double curvature(int k) {
        if (!curvatureKnown[k]) {
            double[] z = design.column(k);
            // Four partial sums, as in dot().
            double c0 = 0;
            double c1 = 0;
            double c2 = 0;
            double c3 = 0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                c0 += weights[i] * z[i] * z[i];
                c1 += weights[i + 1] * z[i + 1] * z[i + 1];
                c2 += weights[i + 2] * z[i + 2] * z[i + 2];
                c3 += weights[i + 3] * z[i + 3] * z[i + 3];
            }
            for (; i < n; i++) {
                c0 += weights[i] * z[i] * z[i];
            }
            curvature[k] = (c0 + c1) + (c2 + c3);
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
