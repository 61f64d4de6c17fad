package dev.occam.core.learn.linear;

import java.util.Arrays;

/**
 * Firth's penalised maximum likelihood for the logistic regression (Firth, "Bias reduction of maximum
 * likelihood estimates", Biometrika 80, 1993; Heinze &amp; Schemper, "A solution to the problem of separation in
 * logistic regression", Statistics in Medicine 21, 2002). It maximises
 * {@code ℓ*(β) = ℓ(β) + ½ log|XᵀWX|}, the log-likelihood penalised by Jeffreys' prior, whose maximum is finite
 * even when the classes are separated and the maximum-likelihood estimate does not exist. For the logit link it
 * is the same estimator as R's {@code logistf} and brglm2's {@code type = "AS_mean"}.
 *
 * <p>The iteration is logistf's: from β = 0, the modified score
 * {@code U*(β) = Σ (yᵢ − πᵢ + hᵢ(½ − πᵢ)) xᵢ}, with {@code hᵢ} the diagonal of the hat matrix
 * {@code W^½X(XᵀWX)⁻¹XᵀW^½}, gives the step {@code δ = (XᵀWX)⁻¹ U*}; a step whose largest component exceeds 5
 * is scaled down to 5, and a step that lowers ℓ* is halved (up to 30 times). It stops when the largest
 * component of the step is at most {@code tolerance}. Each iteration factors {@code W^½X = QR} by Householder
 * reflections (so collinear columns, as in the breast cancer data, lose no more precision than in the IRLS);
 * {@code hᵢ} is the squared norm of row i of {@code Q}, {@code log|XᵀWX| = 2 Σ log|Rⱼⱼ|}, and the variances are
 * the diagonal of {@code (XᵀWX)⁻¹ = R⁻¹R⁻ᵀ} at the estimate. Cost: {@code O(n q²)} per iteration for n rows and
 * q terms.
 */
final class FirthLogistic {

    /** Step halvings per iteration before the step is taken anyway (logistf allows 5; more cost nothing). */
    private static final int MAX_HALVINGS = 30;
    /** Relative changes of ℓ* below this are rounding, not a worse step. */
    private static final double FLAT = 1e-13;
    /** A diagonal of R below this fraction of its column's norm is taken as singular. */
    private static final double SINGULAR = 1e-13;

    /**
     * @param beta the estimate over the intercept and the fitted columns
     * @param variance the diagonal of {@code (XᵀWX)⁻¹} at the estimate
     * @param eta the linear predictor of every row at the estimate
     * @param deviance the ordinary binomial deviance at the estimate ({@code −2ℓ}, as brglm2 reports it)
     * @param penalisedLogLikelihood {@code ℓ + ½ log|XᵀWX|} at the estimate
     */
    record Result(double[] beta, double[] variance, double[] eta, double deviance, double penalisedLogLikelihood,
            int iterations, boolean converged) {
    }

    private FirthLogistic() {
    }

    /**
     * @param x the fitted columns, the intercept's ones first (from {@link Design#fittedColumns()})
     * @param y 0/1 per row
     * @throws ArithmeticException when the weighted design is singular at the start
     */
    static Result fit(double[][] x, double[] y, int maxIterations, double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0: " + tolerance);
        }
        int q = x.length;
        int n = y.length;
        double[] beta = new double[q];
        State state = State.at(x, y, beta);
        if (state == null) {
            throw new ArithmeticException("the design is singular: Firth's penalised likelihood cannot be fitted");
        }
        boolean converged = false;
        int iterations = 0;
        for (int iter = 1; iter <= maxIterations; iter++) {
            iterations = iter;
            double[] score = new double[q];
            for (int i = 0; i < n; i++) {
                double p = state.pi[i];
                double r = y[i] - p + state.hat[i] * (0.5 - p);
                for (int j = 0; j < q; j++) {
                    score[j] += r * x[j][i];
                }
            }
            double[] step = state.solveInformation(score);
            // The step in units of the standard errors: a coefficient of a column in the thousands and one of a
            // column in the thousandths are judged alike.
            double[] variance = state.inverseDiagonal();
            double relative = 0;
            for (int j = 0; j < q; j++) {
                relative = Math.max(relative, Math.abs(step[j]) / Math.sqrt(variance[j]));
            }
            State next = null;
            double[] trial = new double[q];
            for (int h = 0; h <= MAX_HALVINGS; h++) {
                for (int j = 0; j < q; j++) {
                    trial[j] = beta[j] + step[j];
                }
                next = State.at(x, y, trial);
                // Near the maximum ℓ* is flat to rounding: a change within it is no loss.
                if (next != null && next.penalised >= state.penalised - FLAT * (1.0 + Math.abs(state.penalised))) {
                    break;
                }
                if (h < MAX_HALVINGS) {
                    for (int j = 0; j < q; j++) {
                        step[j] /= 2;
                    }
                }
            }
            if (next == null) {
                break; // even the smallest step makes the weighted design singular: keep the last estimate
            }
            beta = trial.clone();
            state = next;
            if (relative <= tolerance) {
                converged = true;
                break;
            }
        }
        return new Result(beta, state.inverseDiagonal(), state.eta, -2.0 * state.logLikelihood, state.penalised,
                iterations, converged);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    /** log(1 / (1 + exp(−η))) without overflow. */
    static double logSigmoid(double eta) {
        return eta >= 0 ? -Math.log1p(Math.exp(-eta)) : eta - Math.log1p(Math.exp(eta));
    }

    /** Everything the iteration needs at one β: probabilities, the QR of W^½X, hat values, ℓ and ℓ*. */
    private static final class State {
        final double[] eta;
        final double[] pi;
        final double[] hat;
        /** Upper triangle of R, row-major q × q. */
        final double[][] r;
        final double logLikelihood;
        final double penalised;

        private State(double[] eta, double[] pi, double[] hat, double[][] r, double logLikelihood, double penalised) {
            this.eta = eta;
            this.pi = pi;
            this.hat = hat;
            this.r = r;
            this.logLikelihood = logLikelihood;
            this.penalised = penalised;
        }

        /** The state at β, or null when the weighted design is singular there (or anything overflows). */
        static State at(double[][] x, double[] y, double[] beta) {
            int q = x.length;
            int n = y.length;
            double[] eta = new double[n];
            Arrays.fill(eta, 0.0);
            for (int j = 0; j < q; j++) {
                double b = beta[j];
                double[] c = x[j];
                for (int i = 0; i < n; i++) {
                    eta[i] += b * c[i];
                }
            }
            double[] pi = new double[n];
            double[] root = new double[n];
            double logLikelihood = 0;
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(eta[i])) {
                    return null;
                }
                pi[i] = 1.0 / (1.0 + Math.exp(-eta[i]));
                // π(1 − π) = σ(η) σ(−η), computed from the exponentials so that it never cancels to 0 early.
                root[i] = Math.exp(0.5 * (logSigmoid(eta[i]) + logSigmoid(-eta[i])));
                logLikelihood += y[i] == 1.0 ? logSigmoid(eta[i]) : logSigmoid(-eta[i]);
            }
            // Householder QR of A = W^½X, column by column; a holds the columns as they are reflected.
            double[][] a = new double[q][n];
            for (int j = 0; j < q; j++) {
                for (int i = 0; i < n; i++) {
                    a[j][i] = root[i] * x[j][i];
                }
            }
            double[][] rows = new double[q][];
            for (int j = 0; j < q; j++) {
                rows[j] = a[j].clone(); // the original weighted columns, for the hat values
            }
            double[][] r = new double[q][q];
            double logDet = 0;
            for (int k = 0; k < q; k++) {
                double[] col = a[k];
                double original = Design.norm(rows[k], 0);
                double remaining = Design.norm(col, k);
                if (!(remaining > SINGULAR * original) || k >= n) {
                    return null;
                }
                double alpha = col[k] > 0 ? -remaining : remaining;
                double[] v = new double[n];
                System.arraycopy(col, k, v, k, n - k);
                v[k] -= alpha;
                double vv = 0;
                for (int i = k; i < n; i++) {
                    vv += v[i] * v[i];
                }
                r[k][k] = alpha;
                logDet += 2.0 * Math.log(Math.abs(alpha));
                for (int j = k + 1; j < q; j++) {
                    double[] other = a[j];
                    double s = 0;
                    for (int i = k; i < n; i++) {
                        s += v[i] * other[i];
                    }
                    s *= 2.0 / vv;
                    for (int i = k; i < n; i++) {
                        other[i] -= s * v[i];
                    }
                    r[k][j] = other[k];
                }
            }
            // Row i of Q = row i of A times R⁻¹: solve Rᵀv = aᵢ, and hᵢ = |v|².
            double[] hat = new double[n];
            double[] v = new double[q];
            for (int i = 0; i < n; i++) {
                double h = 0;
                for (int k = 0; k < q; k++) {
                    double s = rows[k][i];
                    for (int m = 0; m < k; m++) {
                        s -= r[m][k] * v[m];
                    }
                    v[k] = s / r[k][k];
                    h += v[k] * v[k];
                }
                hat[i] = h;
            }
            double penalised = logLikelihood + 0.5 * logDet;
            if (!Double.isFinite(penalised)) {
                return null;
            }
            return new State(eta, pi, hat, r, logLikelihood, penalised);
        }

        /** {@code (XᵀWX)⁻¹ b = R⁻¹ R⁻ᵀ b}. */
        double[] solveInformation(double[] b) {
            int q = b.length;
            double[] u = new double[q];
            for (int k = 0; k < q; k++) {
                double s = b[k];
                for (int m = 0; m < k; m++) {
                    s -= r[m][k] * u[m];
                }
                u[k] = s / r[k][k];
            }
            double[] out = new double[q];
            for (int k = q - 1; k >= 0; k--) {
                double s = u[k];
                for (int m = k + 1; m < q; m++) {
                    s -= r[k][m] * out[m];
                }
                out[k] = s / r[k][k];
            }
            return out;
        }

        /** diag((XᵀWX)⁻¹) = squared row norms of R⁻¹. */
        double[] inverseDiagonal() {
            int q = r.length;
            double[] diagonal = new double[q];
            for (int j = 0; j < q; j++) {
                // Column j of R⁻¹ by back substitution on e_j.
                double[] c = new double[q];
                for (int k = j; k >= 0; k--) {
                    double s = k == j ? 1.0 : 0.0;
                    for (int m = k + 1; m <= j; m++) {
                        s -= r[k][m] * c[m];
                    }
                    c[k] = s / r[k][k];
                }
                for (int k = 0; k <= j; k++) {
                    diagonal[k] += c[k] * c[k];
                }
            }
            return diagonal;
        }
    }
}
