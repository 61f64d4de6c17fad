package dev.occam.core.learn.linear;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.Pipeline;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.LinearScorer.Inference;
import dev.occam.runtime.scorer.LinearScorer.Link;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.exception.MathRuntimeException;

/**
 * Rung 2: unpenalised logistic regression, {@code P(positive) = 1 / (1 + exp(-(β₀ + Σ βⱼ xⱼ)))}, fitted by
 * maximum likelihood with iteratively reweighted least squares (Fisher scoring, which for the logit link is
 * Newton's method; McCullagh &amp; Nelder, <i>Generalized Linear Models</i>, 2nd ed., 1989, section 2.5).
 * The iteration follows R's {@code glm.fit}: it starts from {@code μ = (y + ½) / 2}, clamps the linear
 * predictor at ±30 inside the link as R's binomial family does, and stops when
 * {@code |dev − dev_old| / (|dev| + 0.1) < tolerance}. Each step solves its weighted least-squares
 * problem by Householder QR. Standard errors are the square roots of the diagonal of {@code (XᵀWX)⁻¹}
 * with the weights of the last step, as R's {@code summary.glm} takes them. Those weights were evaluated one
 * iterate before the estimate: on the credit data the information at the estimate itself would move the
 * standard errors by 2e-5 relative, away from R's. z = estimate / standard error, with two-sided normal p-values.
 *
 * <p>The input is a frame of numeric columns without missing values; {@link #pipeline()} puts the
 * imputation and the indicator encoding (first level as reference, R's treatment contrasts) in front.
 *
 * <p>Fit statistics (in the scorer's {@link Inference#fit()}): {@code n}, {@code null_deviance},
 * {@code residual_deviance}, {@code df_null}, {@code df_residual}, {@code aic}, {@code loglik},
 * {@code iterations}, {@code converged} (1/0), {@code separation} (1/0) and {@code fitted_0_or_1} (rows
 * whose fitted probability is numerically 0 or 1, the rows R's {@code glm.fit} warns about).
 *
 * <p>What fails, and how it shows:
 * <ul>
 *   <li>Linearly dependent columns (a duplicate, a constant, a sum of others): the later column of a
 *       dependent set is reported as aliased and left out, as R does (pivoted QR with tolerance
 *       {@code min(1e-7, tolerance / 1000)}). Decided once on the unweighted design; R re-decides on
 *       each iteration's weighted design, which differs only in pathological cases.</li>
 *   <li>Separation (a column or combination that predicts the class perfectly, for all rows or for a
 *       subset): the maximum-likelihood estimate does not exist and the iterations push some
 *       coefficients towards infinity. The fit does not throw; it returns the last iterate with
 *       {@code separation = 1}. The flag is set when the last step of the iteration is itself a
 *       separating direction: it moved some row's linear predictor by at least 0.1 towards its
 *       observed class and no row measurably away from its class. With a finite estimate Newton's last
 *       step is negligible and points nowhere in particular; under separation each step pushes the
 *       separated rows about one unit further out. Estimates, standard errors and p-values of such a fit
 *       are meaningless. Separation is only recognised once the iteration has reached that regime,
 *       which takes a few iterations; with a very small {@code maxIterations} only
 *       {@code converged = 0} may show.</li>
 *   <li>No convergence within {@code maxIterations}: the last iterate is returned with
 *       {@code converged = 0}. Non-finite coefficients (overflow) stop the iteration at the last finite
 *       iterate, also with {@code converged = 0}.</li>
 * </ul>
 */
public final class LogisticRegression implements Learner {

    /**
     * @param maxIterations at most this many IRLS steps (R's {@code glm.control(maxit)}, default 25)
     * @param tolerance stop when the relative change in deviance falls below this (R's
     *     {@code glm.control(epsilon)}, default 1e-8)
     */
    public record Options(int maxIterations, double tolerance) {

        public Options {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
            }
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1): " + tolerance);
            }
        }

        /** R's {@code glm.control()}: 25 iterations, tolerance 1e-8. */
        public static Options defaults() {
            return new Options(25, 1e-8);
        }
    }

    /** R's binomial family clamps the linear predictor here inside the link (its THRESH). */
    private static final double ETA_CLAMP = 30.0;
    private static final double EPSILON = Math.ulp(1.0);
    /** R's glm.fit warns about fitted probabilities within 10 machine epsilons of 0 or 1. */
    private static final double BOUNDARY = 10 * EPSILON;
    /** A separating last step must move some row at least this far on the log-odds scale. */
    private static final double SEPARATION_MIN_STEP = 0.1;
    /** ... and no row against its class by more than this fraction of that largest move (rounding). */
    private static final double SEPARATION_SLACK = 1e-3;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);

    private final Options options;

    public LogisticRegression() {
        this(Options.defaults());
    }

    public LogisticRegression(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Imputation, indicator encoding with the first level as reference, then a logistic regression with defaults. */
    public static Pipeline pipeline() {
        return pipeline(Options.defaults());
    }

    /** Imputation, indicator encoding with the first level as reference, then a logistic regression. */
    public static Pipeline pipeline(Options options) {
        return Pipeline.treatmentCoded(new LogisticRegression(options));
    }

    public Options options() {
        return options;
    }

    @Override
    public String family() {
        return "logistic";
    }

    @Override
    public int rung() {
        return 2;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CLASSIFICATION, Capability.EXPLAINABLE);
    }

    /**
     * @throws IllegalArgumentException for a regression target, a categorical column or a missing value
     *     (naming the column and row), or when features and target differ in length
     */
    @Override
    public Model fit(Frame features, Target target) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        if (!target.isClassification()) {
            throw new IllegalArgumentException("a logistic regression needs a classification target; '"
                    + target.info().name() + "' is a regression target");
        }
        // glm.fit's QR tolerance: min(1e-7, epsilon / 1000).
        Design design = Design.of(features, target, "logistic regression", Math.min(1e-7, options.tolerance() / 1000));
        int n = design.rows();
        double[] y = target.values();

        double[] eta = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            double start = (y[i] + 0.5) / 2.0;
            eta[i] = Math.log(start / (1.0 - start));
            mu[i] = inverseLink(eta[i]);
        }
        double deviance = deviance(y, mu);
        double[] beta = null;
        double[] previousEta = eta;
        boolean converged = false;
        int iterations = 0;
        double[] w = new double[n];
        double[] z = new double[n];
        for (int iter = 1; iter <= options.maxIterations(); iter++) {
            for (int i = 0; i < n; i++) {
                double d = muEta(eta[i]);
                w[i] = d / Math.sqrt(mu[i] * (1.0 - mu[i]));
                z[i] = eta[i] + (y[i] - mu[i]) / d;
            }
            double[] next;
            try {
                next = design.solve(w, z, false).coefficients();
            } catch (MathRuntimeException e) {
                break; // the weighted design became singular: keep the last iterate
            }
            double[] nextEta = design.linearPredictor(next);
            if (!allFinite(next) || !allFinite(nextEta)) {
                break; // overflow: keep the last finite iterate
            }
            double[] nextMu = new double[n];
            for (int i = 0; i < n; i++) {
                nextMu[i] = inverseLink(nextEta[i]);
            }
            double nextDeviance = deviance(y, nextMu);
            iterations = iter;
            previousEta = eta;
            eta = nextEta;
            mu = nextMu;
            beta = next;
            boolean done = Math.abs(nextDeviance - deviance) / (Math.abs(nextDeviance) + 0.1) < options.tolerance();
            deviance = nextDeviance;
            if (done) {
                converged = true;
                break;
            }
        }
        if (beta == null) {
            throw new IllegalStateException("the logistic regression could not take a single finite step on "
                    + n + " rows; the data are degenerate");
        }

        boolean separation = iterations >= 2 && separatingStep(y, previousEta, eta);
        int boundary = 0;
        for (double m : mu) {
            if (m < BOUNDARY || m > 1.0 - BOUNDARY) {
                boundary++;
            }
        }

        // Standard errors from the weights of the last IRLS step (still in w), as R's summary.glm takes them
        // from glm.fit's last QR. They were evaluated one step before the solution; at the solution itself
        // the credit-data oracle's standard errors would differ by 2e-5 relative.
        double[] variance;
        try {
            variance = design.solve(w, new double[n], true).inverseGramDiagonal();
        } catch (MathRuntimeException e) {
            variance = new double[beta.length];
            Arrays.fill(variance, Double.NaN);
        }
        int q = beta.length;
        double[] se = new double[q];
        double[] zValues = new double[q];
        double[] pValues = new double[q];
        for (int k = 0; k < q; k++) {
            se[k] = Math.sqrt(variance[k]);
            zValues[k] = beta[k] / se[k];
            pValues[k] = 2.0 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(zValues[k]));
        }

        double mean = target.mean();
        double nullDeviance = 0;
        for (int i = 0; i < n; i++) {
            nullDeviance += unitDeviance(y[i], mean);
        }
        int rank = design.rank();
        Map<String, Double> fit = new LinkedHashMap<>();
        fit.put("n", (double) n);
        fit.put("null_deviance", nullDeviance);
        fit.put("residual_deviance", deviance);
        fit.put("df_null", (double) (n - 1));
        fit.put("df_residual", (double) (n - rank));
        // For 0/1 responses the binomial log-likelihood is -deviance / 2, so AIC = deviance + 2 rank.
        fit.put("aic", deviance + 2.0 * rank);
        fit.put("loglik", -deviance / 2.0);
        fit.put("iterations", (double) iterations);
        fit.put("converged", converged ? 1.0 : 0.0);
        fit.put("separation", separation ? 1.0 : 0.0);
        fit.put("fitted_0_or_1", (double) boundary);

        double[] all = design.expand(beta, 0.0);
        double[] coefficients = Arrays.copyOfRange(all, 1, all.length);
        Inference inference = new Inference("z", design.expand(se, Double.NaN), design.expand(zValues, Double.NaN),
                design.expand(pValues, Double.NaN), fit);
        LinearScorer scorer = new LinearScorer(features.schema(), Link.LOGIT, all[0], coefficients, design.aliased(),
                inference).withReference(ColumnMeans.of(features));
        return Model.of(family(), target.info(), scorer);
    }

    /**
     * Whether the step from {@code before} to {@code after} separates the classes: some row moved at least
     * {@link #SEPARATION_MIN_STEP} towards its class, none measurably away. Such a direction d, with
     * {@code (2y − 1) xᵀd ≥ 0} for every row and {@code > 0} for some, is exactly what makes the likelihood
     * keep rising without bound (Albert &amp; Anderson, Biometrika 71, 1984).
     */
    private static boolean separatingStep(double[] y, double[] before, double[] after) {
        double most = 0;
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            double towardsClass = (y[i] == 1.0 ? 1 : -1) * (after[i] - before[i]);
            most = Math.max(most, towardsClass);
            worst = Math.min(worst, towardsClass);
        }
        return most >= SEPARATION_MIN_STEP && worst >= -SEPARATION_SLACK * most;
    }

    /** The logistic function, with R's clamp: beyond ±30 the probability is held ε away from 0 and 1. */
    static double inverseLink(double eta) {
        double t = eta < -ETA_CLAMP ? EPSILON : eta > ETA_CLAMP ? 1.0 / EPSILON : Math.exp(eta);
        return t / (1.0 + t);
    }

    /** dμ/dη, held at ε beyond the clamp so that weights never vanish. */
    static double muEta(double eta) {
        if (Math.abs(eta) > ETA_CLAMP) {
            return EPSILON;
        }
        double e = Math.exp(eta);
        double o = 1.0 + e;
        return e / (o * o);
    }

    private static double deviance(double[] y, double[] mu) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            d += unitDeviance(y[i], mu[i]);
        }
        return d;
    }

    /** Binomial unit deviance for a 0/1 response: -2 log of the probability given to the observed class. */
    private static double unitDeviance(double y, double mu) {
        return y == 1.0 ? -2.0 * Math.log(mu) : -2.0 * Math.log(1.0 - mu);
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
