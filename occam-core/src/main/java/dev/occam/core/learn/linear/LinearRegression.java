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
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Rung 2: ordinary least squares, {@code ŷ = β₀ + Σ βⱼ xⱼ}, solved by Householder QR as R's {@code lm} does.
 * Standard errors are the square roots of the diagonal of {@code σ² (XᵀX)⁻¹} with
 * {@code σ² = RSS / (n − rank)}; t = estimate / standard error, with two-sided Student-t p-values on
 * {@code n − rank} degrees of freedom.
 *
 * <p>The input is a frame of numeric columns without missing values; {@link #pipeline()} puts the
 * imputation and the indicator encoding (first level as reference) in front.
 *
 * <p>Fit statistics (in the scorer's {@link Inference#fit()}): {@code n}, {@code r_squared},
 * {@code adj_r_squared}, {@code sigma} (residual standard error), {@code df_residual} and
 * {@code residual_sum_of_squares}.
 *
 * <p>What fails, and how it shows: linearly dependent columns are reported as aliased and left out, the
 * later column of a dependent set going, as in R (pivoted QR with tolerance 1e-7). With as many parameters
 * as rows the fit is exact, {@code df_residual = 0}, standard errors, t values and p-values are NaN, and
 * {@code sigma} is left out of the fit statistics; a constant target leaves out the R² (undefined).
 */
public final class LinearRegression implements Learner {

    /** R's lm.fit tolerance for declaring a column linearly dependent. */
    static final double ALIAS_TOLERANCE = 1e-7;

    /** Imputation, indicator encoding with the first level as reference, then least squares. */
    public static Pipeline pipeline() {
        return Pipeline.treatmentCoded(new LinearRegression());
    }

    @Override
    public String family() {
        return "linear";
    }

    @Override
    public int rung() {
        return 2;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.REGRESSION, Capability.EXPLAINABLE);
    }

    /**
     * @throws IllegalArgumentException for a classification target, a categorical column or a missing value
     *     (naming the column and row), or when features and target differ in length
     */
    @Override
    public Model fit(Frame features, Target target) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(target, "target");
        if (target.isClassification()) {
            throw new IllegalArgumentException("a linear regression needs a numeric target; '" + target.info().name()
                    + "' is a classification target (use a logistic regression)");
        }
        Design design = Design.of(features, target, "linear regression", ALIAS_TOLERANCE);
        int n = design.rows();
        double[] y = target.values();
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        Design.Solution solution = design.solve(ones, y, true);
        double[] beta = solution.coefficients();
        double[] fitted = design.linearPredictor(beta);

        double mean = target.mean();
        double rss = 0;
        double tss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - fitted[i];
            rss += r * r;
            tss += (y[i] - mean) * (y[i] - mean);
        }
        int rank = design.rank();
        int df = n - rank;
        double sigma2 = df > 0 ? rss / df : Double.NaN;
        double[] gram = solution.inverseGramDiagonal();
        int q = beta.length;
        double[] se = new double[q];
        double[] t = new double[q];
        double[] p = new double[q];
        TDistribution student = df > 0 ? new TDistribution(df) : null;
        for (int k = 0; k < q; k++) {
            se[k] = Math.sqrt(sigma2 * gram[k]);
            t[k] = beta[k] / se[k];
            p[k] = student == null || Double.isNaN(t[k]) ? Double.NaN
                    : 2.0 * student.cumulativeProbability(-Math.abs(t[k]));
        }
        double r2 = 1.0 - rss / tss;
        Map<String, Double> fit = new LinkedHashMap<>();
        fit.put("n", (double) n);
        putDefined(fit, "r_squared", r2);
        putDefined(fit, "adj_r_squared", df > 0 ? 1.0 - (1.0 - r2) * (n - 1) / df : Double.NaN);
        putDefined(fit, "sigma", Math.sqrt(sigma2));
        fit.put("df_residual", (double) df);
        fit.put("residual_sum_of_squares", rss);

        double[] all = design.expand(beta, 0.0);
        Inference inference = new Inference("t", design.expand(se, Double.NaN), design.expand(t, Double.NaN),
                design.expand(p, Double.NaN), fit);
        LinearScorer scorer = new LinearScorer(features.schema(), Link.IDENTITY, all[0],
                Arrays.copyOfRange(all, 1, all.length), design.aliased(), inference)
                .withReference(ColumnMeans.of(features));
        return Model.of(family(), target.info(), scorer);
    }

    /** Undefined statistics (NaN) are left out: a model file holds numbers only. */
    private static void putDefined(Map<String, Double> fit, String name, double value) {
        if (Double.isFinite(value)) {
            fit.put(name, value);
        }
    }
}
