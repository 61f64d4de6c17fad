package dev.occam.core.learn.linear;

import dev.occam.core.data.Target;
import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.learn.Pipeline;
import dev.occam.runtime.FitDiagnostics;
import dev.occam.runtime.Model;
import dev.occam.runtime.TargetInfo;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.io.Json;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.LinearScorer.Inference;
import dev.occam.runtime.scorer.LinearScorer.Link;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
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
 * problem from the normal equations by Cholesky when they are well conditioned (a quarter of the arithmetic of
 * QR, the cost that dominates a fit on many rows), else by Householder QR as glm.fit does
 * ({@code Design.solveIteration}); the end point is the same maximum-likelihood estimate, fixed by the deviance
 * test. Standard errors are the square roots of the diagonal of {@code (XᵀWX)⁻¹}
 * with the weights of the last step, as R's {@code summary.glm} takes them. Those weights were evaluated one
 * iterate before the estimate: on the credit data the information at the estimate itself would move the
 * standard errors by 2e-5 relative, away from R's. z = estimate / standard error, with two-sided normal p-values.
 *
 * <p>The input is a frame of numeric columns without missing values; {@link #pipeline()} puts the
 * imputation and the indicator encoding (first level as reference, R's treatment contrasts) in front.
 *
 * <p>Fit statistics (in the scorer's {@link Inference#fit()}): {@code n}, {@code null_deviance},
 * {@code residual_deviance}, {@code df_null}, {@code df_residual}, {@code aic}, {@code loglik},
 * {@code iterations}, {@code converged} (1/0), {@code separation} (1/0), {@code fitted_0_or_1} (rows
 * whose fitted probability is numerically 0 or 1, the rows R's {@code glm.fit} warns about), {@code firth}
 * (1/0: whether the estimate is Firth's) and, for Firth's, {@code penalised_loglik}. The model's
 * {@link FitDiagnostics} say the same in words: method "maximum likelihood (IRLS)" or "Firth's penalised
 * likelihood", whether it converged, and findings that name the separating column and pattern.
 *
 * <p><b>Separation and Firth's correction.</b> When a column or a combination of columns predicts the class
 * perfectly, for all rows (complete separation) or for all rows but those on a boundary (quasi-complete), the
 * maximum-likelihood estimate does not exist: the likelihood keeps rising as some coefficients run to infinity
 * (Albert &amp; Anderson, Biometrika 71, 1984). R's glm then returns the last iterate, often calling it
 * converged (on the endometrial data of Heinze &amp; Schemper: NV = 18.2 with standard error 1716), and its
 * predictions can rank new rows backwards. Occam looks for it two ways:
 * <ul>
 *   <li>directly, column by column ({@code Separation}): whether a threshold on one column alone puts every row
 *       of one class on one side and every row of the other on the other side, ties at the threshold allowed,
 *       e.g. "NV separates the classes quasi-completely: every row with NV = 1 (13 rows) has HG = 1, and only
 *       the rows with NV = 0 (66) hold both classes";</li>
 *   <li>through the iteration, for a combination of columns: the last step of the iteration is itself a
 *       separating direction (it moved some row's linear predictor by at least 0.1 towards its observed class
 *       and no row measurably away from its class; with a finite estimate Newton's last step is negligible and
 *       points nowhere in particular, under separation each step pushes the separated rows about one unit
 *       further out), or the iteration did not converge and drove rows to a fitted probability of 0 or 1.
 *       This is recognised only once the iteration has reached that regime, which takes a few steps.</li>
 * </ul>
 * Konis's (2007) linear-programming test, which decides separation by a combination exactly, is not run: the two
 * checks above catch the cases seen in practice at the cost of one pass over the data.
 *
 * <p>With {@link Firth#WHEN_SEPARATED} (the default) a separated or diverging fit is refitted by Firth's
 * penalised likelihood (Firth, Biometrika 80, 1993; Heinze &amp; Schemper, Statistics in Medicine 21, 2002; the
 * estimator of R's logistf and of brglm2's {@code type = "AS_mean"} for the logit link; see
 * {@code FirthLogistic}): it maximises {@code ℓ(β) + ½ log|XᵀWX|}, whose maximum is finite, with standard
 * errors from {@code (XᵀWX)⁻¹} at the estimate and Wald z and p-values as for maximum likelihood. Where the
 * maximum-likelihood estimate exists, the fit is glm's, bit for bit. {@link Firth#ALWAYS} fits Firth's
 * whatever the data; {@link Firth#NEVER} keeps glm's behaviour, returning the last, diverging iterate with
 * {@code separation = 1} and diagnostics that are not converged and say the estimates are meaningless.
 *
 * <p>Other things that fail, and how they show:
 * <ul>
 *   <li>Linearly dependent columns (a duplicate, a constant, a sum of others): the later column of a
 *       dependent set is reported as aliased and left out, as R does (pivoted QR with tolerance
 *       {@code min(1e-7, tolerance / 1000)}). Decided once on the unweighted design; R re-decides on
 *       each iteration's weighted design, which differs only in pathological cases.</li>
 *   <li>No convergence within {@code maxIterations} without separation: the last iterate is returned with
 *       {@code converged = 0} and a finding that says by how much the deviance still changed. Non-finite
 *       coefficients (overflow) or a singular weighted design stop the iteration at the last finite iterate,
 *       also with {@code converged = 0} and a finding saying why.</li>
 * </ul>
 */
public final class LogisticRegression implements Learner {

    /**
     * When to fit by Firth's penalised likelihood instead of maximum likelihood.
     * <ul>
     *   <li>{@code WHEN_SEPARATED} (default): maximum likelihood, exactly as R's glm, whenever its estimate exists;
     *       Firth's when the classes are separated (by one column, found directly, or by a combination, found by
     *       the diverging iteration) or the iteration diverges.</li>
     *   <li>{@code ALWAYS}: Firth's, whatever the data (as R's logistf): it also removes the small-sample bias of
     *       the estimates, O(1/n), and shrinks them slightly towards zero.</li>
     *   <li>{@code NEVER}: maximum likelihood only, as glm; a separated fit returns its last, diverging step.</li>
     * </ul>
     */
    public enum Firth {
        WHEN_SEPARATED, ALWAYS, NEVER
    }

    /**
     * @param maxIterations at most this many IRLS steps (R's {@code glm.control(maxit)}, default 25); Firth's
     *     iteration gets at least 100
     * @param tolerance stop when the relative change in deviance falls below this (R's
     *     {@code glm.control(epsilon)}, default 1e-8); Firth's iteration stops when no coefficient moves by more
     *     than this
     * @param firth when to use Firth's penalised likelihood (default {@link Firth#WHEN_SEPARATED})
     */
    public record Options(int maxIterations, double tolerance, Firth firth) {

        public Options {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
            }
            if (!(tolerance > 0 && tolerance < 1)) {
                throw new IllegalArgumentException("tolerance must be in (0, 1): " + tolerance);
            }
            if (firth == null) {
                throw new IllegalArgumentException("firth must be one of " + Arrays.toString(Firth.values())
                        + ": null");
            }
        }

        /** Firth's correction when the classes are separated. */
        public Options(int maxIterations, double tolerance) {
            this(maxIterations, tolerance, Firth.WHEN_SEPARATED);
        }

        /** R's {@code glm.control()}: 25 iterations, tolerance 1e-8; Firth's correction when separated. */
        public static Options defaults() {
            return new Options(25, 1e-8);
        }

        public Options withFirth(Firth value) {
            return new Options(maxIterations, tolerance, value);
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

    /** How the estimate was obtained, as {@link FitDiagnostics#method()} says it. */
    static final String MAXIMUM_LIKELIHOOD = "maximum likelihood (IRLS)";
    static final String FIRTH = "Firth's penalised likelihood";
    /**
     * Firth's iteration (a quasi-Newton step with a fixed information matrix) converges linearly, not
     * quadratically: it gets at least this many steps, whatever {@code maxIterations} says.
     */
    private static final int FIRTH_MIN_ITERATIONS = 1000;
    /**
     * Firth's iteration stops when no coefficient's step exceeds this many of its standard errors: far below
     * any statistical meaning, and reached in 5 to 20 steps on the endometrial data and most others (about 130
     * on the collinear breast cancer data, where the iteration converges only linearly).
     */
    private static final double FIRTH_TOLERANCE = 1e-6;
    /** Columns named one by one in the separation findings; the others are listed by name. */
    private static final int NAMED_SEPARATIONS = 5;

    private final Options options;
    /** Whether two classes are weighed by the inverse of their shares (prior weights {@code n / (2 n_c)}). */
    private final boolean balanced;

    public LogisticRegression() {
        this(Options.defaults());
    }

    public LogisticRegression(Options options) {
        this(options, false);
    }

    private LogisticRegression(Options options, boolean balanced) {
        this.options = Objects.requireNonNull(options, "options");
        this.balanced = balanced;
    }

    /**
     * The same learner weighing two classes by the inverse of their shares: each row of class c enters the
     * likelihood with prior weight {@code n / (2 n_c)} (scikit-learn's {@code class_weight="balanced"}; R's
     * {@code glm(..., weights = w)}, whose IRLS this follows with prior weights). The coefficients are those of
     * R's weighted glm; the intercept moves by about {@code log(n_neg / n_pos)}, so the scores rank as before the
     * weighting would have them rank but are not the probabilities of the data (calibration or the cost threshold,
     * both fitted out of fold, read them as scores). No standard errors, z or p-values are reported: glm's
     * {@code (XᵀWX)⁻¹} would take the weights for counts of rows that were never observed (ten copies of each
     * rare-class row at a 5% share), so its p-values would describe another sample. Fitted with Firth's correction
     * (separated classes), the weights are not applied, and the fit says so. Three or more classes are weighed the
     * same way, each row of class c by {@code n / (K n_c)} in the multinomial likelihood ({@code MultinomialLogistic};
     * R's {@code nnet::multinom(weights = w)}), again without standard errors, z or p-values.
     */
    public LogisticRegression withBalancedClasses() {
        return new LogisticRegression(options, true);
    }

    /** Whether the learner weighs two classes by the inverse of their shares ({@link #withBalancedClasses}). */
    public boolean balanced() {
        return balanced;
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
        return EnumSet.of(Capability.CLASSIFICATION, Capability.MULTICLASS, Capability.EXPLAINABLE);
    }

    /**
     * @throws IllegalArgumentException for a regression target, a categorical column or a missing value
     *     (naming the column and row), or when features and target differ in length
     */
    @Override
    public Model fit(Frame features, Target target) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        if (balanced && (target.isClassification() || target.isMulticlass())) {
            return fit(features, target, target.balancedWeights(), false);
        }
        return fit(features, target, null, true);
    }

    /**
     * The fit with prior weights, as R's {@code glm(y ~ ., binomial, weights = priorWeights)}; with whole-number
     * weights, the fit on the data with each row repeated its weight's number of times (coefficients, standard
     * errors and deviances; not the row counts).
     *
     * @param priorWeights each row's weight, positive and finite; null for all 1
     * @param inference whether to report standard errors, z and p-values (from the weighted information, valid when
     *     the weights count rows)
     */
    Model fit(Frame features, Target target, double[] priorWeights, boolean inference) {
        if (target.isMulticlass()) {
            return MultinomialLogistic.fit(family(), features, target, options.maxIterations(),
                    options.tolerance(), priorWeights, inference);
        }
        if (!target.isClassification()) {
            throw new IllegalArgumentException("a logistic regression needs a classification target; '"
                    + target.info().name() + "' is a regression target");
        }
        // glm.fit's QR tolerance: min(1e-7, epsilon / 1000).
        Design design = Design.of(features, target, "logistic regression", Math.min(1e-7, options.tolerance() / 1000));
        double[] y = target.values();
        double[] prior = priorWeights == null ? ones(y.length) : dev.occam.core.data.RowWeights.checked(priorWeights, y.length);
        List<String> names = features.schema().names();
        List<double[]> inputs = new ArrayList<>(names.size());
        for (int j = 0; j < names.size(); j++) {
            inputs.add(design.input(j));
        }
        List<Separation> separations = Separation.find(names, inputs, y);
        if (options.firth() == Firth.ALWAYS) {
            Firthed firthed = fitFirth(design, y);
            FitDiagnostics diagnostics = unweighted(priorWeights, firthDiagnostics(firthed, separationFindings(separations,
                    target, null, y.length, "; the maximum-likelihood estimates would not exist, and Firth's correction,"
                            + " asked for in the options, gives finite estimates")));
            return model(features, target, design, firthed.beta, firthed.variance, firthed.eta, firthed.deviance,
                    firthed.iterations, firthed.converged, !separations.isEmpty() || oneClass(target), firthed,
                    ones(y.length), true, diagnostics);
        }

        Irls ml = irls(design, y, prior);
        int boundary = boundaryRows(ml.eta);
        boolean separation = !separations.isEmpty() || oneClass(target)
                || (ml.iterations >= 2 && separatingStep(y, ml.previousEta, ml.eta));
        // Estimates running off to infinity without a recognised separating step: the same cause, seen later.
        boolean diverging = !ml.converged && boundary > 0;
        if (options.firth() == Firth.WHEN_SEPARATED && (separation || diverging)) {
            try {
                Firthed firthed = fitFirth(design, y);
                FitDiagnostics diagnostics = unweighted(priorWeights, firthDiagnostics(firthed, separationFindings(
                        separations, target, ml, y.length, "; the maximum-likelihood estimates do not exist, so the "
                                + "model was fitted with Firth's correction (finite estimates, usable standard errors)")));
                return model(features, target, design, firthed.beta, firthed.variance, firthed.eta, firthed.deviance,
                        firthed.iterations, firthed.converged, true, firthed, ones(y.length), true, diagnostics);
            } catch (ArithmeticException e) {
                List<String> findings = separationFindings(separations, target, ml, y.length,
                        "; the maximum-likelihood estimates do not exist, and Firth's correction could not be fitted "
                                + "either (" + e.getMessage() + "), so the coefficients are the last step of a "
                                + "diverging fit and their standard errors and p-values are meaningless");
                return mlModel(features, target, design, ml, separation, prior, inference,
                        new FitDiagnostics(false, MAXIMUM_LIKELIHOOD, findings));
            }
        }
        FitDiagnostics diagnostics;
        if (separation || diverging) {
            diagnostics = new FitDiagnostics(false, MAXIMUM_LIKELIHOOD, separationFindings(separations, target, ml,
                    y.length, "; the maximum-likelihood estimates do not exist, and Firth's correction is switched off "
                            + "in the options, so the coefficients are the last step of a diverging fit and their "
                            + "standard errors and p-values are meaningless"));
        } else if (!ml.converged) {
            diagnostics = new FitDiagnostics(false, MAXIMUM_LIKELIHOOD, List.of(ml.stopped != null
                    ? "The maximum-likelihood iterations (IRLS) stopped after " + ml.iterations + " steps because "
                            + ml.stopped + "; the estimates are those of the last finite step and may be inaccurate."
                    : "The maximum-likelihood iterations (IRLS) did not converge within " + options.maxIterations()
                            + (options.maxIterations() == 1 ? " step" : " steps") + " (the deviance still changed by a relative " + Json.number(ml.lastChange)
                            + " at the last step, tolerance " + Json.number(options.tolerance())
                            + "); the estimates are those of the last step. Raising maxIterations may help."));
        } else {
            diagnostics = FitDiagnostics.clean(MAXIMUM_LIKELIHOOD);
        }
        if (!inference) {
            diagnostics = diagnostics.withFinding(balancedFinding(2));
        }
        return mlModel(features, target, design, ml, separation, prior, inference, diagnostics);
    }

    /**
     * The finding of a fit with balanced class weights over {@code classes} classes: what the weights were and why
     * the fit reports no standard errors, z or p-values (the same words for two classes and for K).
     */
    static String balancedFinding(int classes) {
        boolean two = classes == 2;
        return "Fitted with balanced class weights (each row of a class weighted n / (" + classes + " n_class), as R's "
                + (two ? "glm" : "nnet::multinom") + " with weights): the coefficients are those of the weighted fit,"
                + " and no standard errors, z or p-values are given, because " + (two ? "glm's" : "multinom's")
                + " formulas would count the weights as rows never observed; the "
                + (two ? "scores are not the probabilities" : "class probabilities are not those") + " of the data.";
    }

    /** The Firth fit's diagnostics, saying that the class weights were not applied when there were some. */
    private static FitDiagnostics unweighted(double[] priorWeights, FitDiagnostics diagnostics) {
        return priorWeights == null ? diagnostics : diagnostics.withFinding("Firth's correction is fitted without the"
                + " class weights in this version: the coefficients are those of the unweighted penalised fit.");
    }

    private static double[] ones(int n) {
        double[] out = new double[n];
        Arrays.fill(out, 1.0);
        return out;
    }


    /** The maximum-likelihood model, with standard errors from the weights of the last IRLS step. */
    private Model mlModel(Frame features, Target target, Design design, Irls ml, boolean separation, double[] prior,
            boolean inference, FitDiagnostics diagnostics) {
        // Standard errors from the weights of the last IRLS step (still in w), as R's summary.glm takes them
        // from glm.fit's last QR. They were evaluated one step before the solution; at the solution itself
        // the credit-data oracle's standard errors would differ by 2e-5 relative.
        double[] variance = new double[ml.beta.length];
        Arrays.fill(variance, Double.NaN);
        if (inference) {
            try {
                variance = design.inverseGramDiagonal(ml.w);
            } catch (MathRuntimeException e) {
                // left NaN: the weighted design is singular
            }
        }
        return model(features, target, design, ml.beta, variance, ml.eta, ml.deviance, ml.iterations, ml.converged,
                separation, null, prior, inference, diagnostics);
    }

    /** The scorer and fit statistics of either estimate; {@code firthed} is null for maximum likelihood. */
    private Model model(Frame features, Target target, Design design, double[] beta, double[] variance, double[] eta,
            double deviance, int iterations, boolean converged, boolean separation, Firthed firthed, double[] prior,
            boolean termInference, FitDiagnostics diagnostics) {
        int n = design.rows();
        double[] y = target.values();
        int q = beta.length;
        double[] se = new double[q];
        double[] zValues = new double[q];
        double[] pValues = new double[q];
        for (int k = 0; k < q; k++) {
            se[k] = Math.sqrt(variance[k]);
            zValues[k] = beta[k] / se[k];
            pValues[k] = 2.0 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(zValues[k]));
        }

        // R's null deviance with prior weights: the weighted deviance of the weighted mean.
        double weight = 0;
        double weightedPositives = 0;
        for (int i = 0; i < n; i++) {
            weight += prior[i];
            weightedPositives += prior[i] * y[i];
        }
        double mean = weightedPositives / weight;
        double nullDeviance = 0;
        for (int i = 0; i < n; i++) {
            nullDeviance += prior[i] * unitDeviance(y[i], mean);
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
        fit.put("fitted_0_or_1", (double) boundaryRows(eta));
        fit.put("firth", firthed == null ? 0.0 : 1.0);
        if (firthed != null) {
            fit.put("penalised_loglik", firthed.penalisedLogLikelihood);
        }

        double[] all = design.expand(beta, 0.0);
        double[] coefficients = Arrays.copyOfRange(all, 1, all.length);
        // A balanced fit's deviance and fit statistics are of the weighted likelihood; it gives no per-term inference.
        Inference inference = termInference ? new Inference("z", design.expand(se, Double.NaN),
                design.expand(zValues, Double.NaN), design.expand(pValues, Double.NaN), fit)
                : Inference.fitOnly(all.length, fit);
        LinearScorer scorer = new LinearScorer(features.schema(), Link.LOGIT, all[0], coefficients, design.aliased(),
                inference).withReference(ColumnMeans.of(features));
        return Model.of(family(), target.info(), scorer).withDiagnostics(diagnostics);
    }

    /** The state of the IRLS when it stopped; {@code stopped} says why it stopped early, or is null. */
    private record Irls(double[] beta, double[] eta, double[] previousEta, double[] w, double deviance,
            int iterations, boolean converged, double lastChange, String stopped) {
    }

    /**
     * glm.fit's iteration (see the class comment) with prior weights {@code prior}: the binomial family's start
     * {@code μ = (prior y + ½) / (prior + 1)}, working weights {@code prior · (dμ/dη)² / (μ (1 − μ))} and the
     * deviance summed with the prior weights, as glm.fit has them.
     */
    private Irls irls(Design design, double[] y, double[] prior) {
        int n = design.rows();
        double[] eta = new double[n];
        double[] mu = new double[n];
        for (int i = 0; i < n; i++) {
            double start = (prior[i] * y[i] + 0.5) / (prior[i] + 1.0);
            eta[i] = Math.log(start / (1.0 - start));
            mu[i] = inverseLink(eta[i]);
        }
        double deviance = deviance(y, mu, prior);
        double[] beta = null;
        double[] previousEta = eta;
        boolean converged = false;
        int iterations = 0;
        double change = Double.NaN;
        String stopped = null;
        double[] w = new double[n];
        double[] z = new double[n];
        double[] spareMu = null;
        double[] spareEta = null;
        for (int iter = 1; iter <= options.maxIterations(); iter++) {
            for (int i = 0; i < n; i++) {
                double d = muEta(eta[i]);
                w[i] = Math.sqrt(prior[i]) * d / Math.sqrt(mu[i] * (1.0 - mu[i]));
                z[i] = eta[i] + (y[i] - mu[i]) / d;
            }
            double[] next;
            try {
                next = design.solveIteration(w, z);
            } catch (MathRuntimeException e) {
                stopped = "the weighted design became singular";
                break; // keep the last iterate
            }
            // Buffers reused across steps (the iterate before last's), never one that eta or previousEta holds.
            double[] nextEta = design.linearPredictorInto(next, spareEta != null ? spareEta : new double[n]);
            if (!allFinite(next) || !allFinite(nextEta)) {
                stopped = "the next step overflowed";
                break; // keep the last finite iterate
            }
            double[] nextMu = spareMu != null ? spareMu : new double[n];
            spareMu = mu;
            for (int i = 0; i < n; i++) {
                nextMu[i] = inverseLink(nextEta[i]);
            }
            double nextDeviance = deviance(y, nextMu, prior);
            iterations = iter;
            spareEta = previousEta != eta ? previousEta : null;
            previousEta = eta;
            eta = nextEta;
            mu = nextMu;
            beta = next;
            change = Math.abs(nextDeviance - deviance) / (Math.abs(nextDeviance) + 0.1);
            boolean done = change < options.tolerance();
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
        return new Irls(beta, eta, previousEta, w, deviance, iterations, converged, change, stopped);
    }

    /** Firth's estimate with its variances, its deviance and how its iteration went. */
    private record Firthed(double[] beta, double[] variance, double[] eta, double deviance,
            double penalisedLogLikelihood, int iterations, boolean converged) {
    }

    /** @throws ArithmeticException when the weighted design is singular */
    private Firthed fitFirth(Design design, double[] y) {
        FirthLogistic.Result r = FirthLogistic.fit(design.fittedColumns(), y,
                Math.max(options.maxIterations(), FIRTH_MIN_ITERATIONS), FIRTH_TOLERANCE);
        return new Firthed(r.beta(), r.variance(), r.eta(), r.deviance(), r.penalisedLogLikelihood(), r.iterations(),
                r.converged());
    }

    private FitDiagnostics firthDiagnostics(Firthed firthed, List<String> findings) {
        List<String> all = new ArrayList<>(findings);
        if (!firthed.converged) {
            all.add("Firth's penalised-likelihood iterations did not settle within "
                    + Math.max(options.maxIterations(), FIRTH_MIN_ITERATIONS) + " steps; the estimates are those of "
                    + "the last step and may be inaccurate.");
        }
        return new FitDiagnostics(firthed.converged, FIRTH, all);
    }

    /**
     * The separation in sentences: each column that separates the classes on its own (at most
     * {@link #NAMED_SEPARATIONS}, then the names of the others), or else the combination the maximum-likelihood
     * fit ran into; {@code consequence} ends the first sentence. Empty when nothing separates (and {@code ml} is
     * null, or did not diverge).
     */
    private static List<String> separationFindings(List<Separation> separations, Target target, Irls ml, int n,
            String consequence) {
        List<String> out = new ArrayList<>();
        TargetInfo info = target.info();
        if (oneClass(target)) {
            out.add("All " + n + " rows have " + info.name() + " = "
                    + (target.mean() == 1.0 ? info.positive() : info.negative())
                    + ", so nothing is there to tell the classes apart and the maximum-likelihood intercept is "
                    + "infinite" + consequence + ".");
            return out;
        }
        if (separations.isEmpty()) {
            if (ml == null) {
                return out;
            }
            int boundary = boundaryRows(ml.eta);
            String evidence = boundary == n
                    ? "the maximum-likelihood fit gives every one of the " + n + " rows a fitted probability of 0 or 1"
                    : boundary > 0
                            ? "the maximum-likelihood fit drives " + boundary + " of the " + n
                                    + " rows to a fitted probability of 0 or 1"
                            : "each step of the maximum-likelihood iterations pushes some rows further towards "
                                    + "certainty and none back";
            out.add("A combination of the features separates the classes (complete or quasi-complete separation), "
                    + "though no single feature does on its own: " + evidence + consequence + ".");
            return out;
        }
        for (int k = 0; k < Math.min(separations.size(), NAMED_SEPARATIONS); k++) {
            out.add(separations.get(k).describe(info) + (k == 0 ? consequence : "") + ".");
        }
        if (separations.size() > NAMED_SEPARATIONS) {
            List<String> rest = new ArrayList<>();
            for (int k = NAMED_SEPARATIONS; k < separations.size(); k++) {
                rest.add(separations.get(k).column());
            }
            out.add((rest.size() == 1 ? "One more column also separates" : rest.size() + " more columns also separate")
                    + " the classes on " + (rest.size() == 1 ? "its own: " : "their own: ") + String.join(", ", rest)
                    + ".");
        }
        return out;
    }

    private static boolean oneClass(Target target) {
        double mean = target.mean();
        return mean == 0.0 || mean == 1.0;
    }

    /** Rows whose fitted probability is within R's 10 ε of 0 or 1. */
    private static int boundaryRows(double[] eta) {
        int boundary = 0;
        for (double e : eta) {
            double m = inverseLink(e);
            if (m < BOUNDARY || m > 1.0 - BOUNDARY) {
                boundary++;
            }
        }
        return boundary;
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

    private static double deviance(double[] y, double[] mu, double[] prior) {
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            d += prior[i] * unitDeviance(y[i], mu[i]);
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
