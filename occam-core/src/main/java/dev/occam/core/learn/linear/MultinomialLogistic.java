package dev.occam.core.learn.linear;

import dev.occam.core.data.RowWeights;
import dev.occam.core.data.Target;
import dev.occam.runtime.FitDiagnostics;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.LinearScorer;
import dev.occam.runtime.scorer.LinearScorer.Inference;
import dev.occam.runtime.scorer.LinearScorer.Link;
import dev.occam.runtime.scorer.MulticlassScorer;
import dev.occam.runtime.scorer.Scorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The multinomial logit of a target with K >= 3 classes: {@code log(P(k) / P(first)) = β₀ₖ + Σ βⱼₖ xⱼ} for each
 * class k after the first (the reference, as {@code nnet::multinom}), fitted by maximum likelihood with Newton's
 * method on the K − 1 coefficient blocks together (the full Hessian, which is the Fisher information for this
 * canonical link; Agresti, <i>Categorical Data Analysis</i>, 3rd ed., 2013, §8.1.4), halving a step that lowers
 * the likelihood. It stops as R's {@code glm.fit} does, when {@code |dev − dev_old| / (|dev| + 0.1)} is below the
 * tolerance. Standard errors are the square roots of the diagonal of the inverse information at the estimate
 * ({@code nnet::multinom(Hess = TRUE)}, {@code summary}), z = estimate / SE with two-sided normal p-values. Aliased
 * columns are found as for the binary fit ({@link Design}).
 *
 * <p>When rows are fitted with a probability numerically 0 or 1, a class is separated (by one column or a
 * combination): the estimates grow without bound and are not maximum-likelihood estimates; the fit says so in its
 * diagnostics, which then report the fit as not converged, so {@code occam fit} does not ship it (there is no
 * Firth correction for the multinomial case here yet).
 *
 * <p><b>Prior weights.</b> With row weights w (the balanced class weights {@code n / (K n_c)} of
 * {@link LogisticRegression#withBalancedClasses}) the fit maximises {@code Σ wᵢ log p(i, yᵢ)}, as
 * {@code nnet::multinom(weights = w)} does: the same Newton iteration on the weighted score and information, so
 * with whole-number weights it is the fit on each row repeated its weight's number of times. The deviance, null
 * deviance (of the weighted class shares) and AIC are then those of the weighted likelihood. Fitted with balanced
 * weights, no standard errors, z or p-values are reported, as for two classes: the weighted information would count
 * the weights as rows never observed.
 */
final class MultinomialLogistic {

    static final String METHOD = "maximum likelihood (Newton, multinomial logit)";
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(0, 1);
    private static final double BOUNDARY = 1e-10;
    private static final int MAX_HALVINGS = 30;

    private MultinomialLogistic() {
    }

    /**
     * @param priorWeights each row's weight, positive and finite; null for the unweighted fit (whose arithmetic is
     *     then that of a fit without weights, bit for bit)
     * @param inference whether to report standard errors, z and p-values (from the weighted information, valid when
     *     the weights count rows); when false, a finding says why there are none
     */
    static Model fit(String family, Frame features, Target target, int maxIterations, double tolerance,
            double[] priorWeights, boolean inference) {
        Design design = Design.of(features, target, "multinomial logistic regression", Math.min(1e-7, tolerance / 1000));
        double[][] x = design.fittedColumns();
        int n = design.rows();
        int q = x.length;
        int classes = target.info().classCount();
        int m = classes - 1;
        int[] y = target.classCodes();
        double[] w = priorWeights == null ? null : RowWeights.checked(priorWeights, n);
        for (int k = 0; k < classes; k++) {
            final int c = k;
            if (Arrays.stream(y).noneMatch(v -> v == c)) {
                throw new IllegalArgumentException("class '" + target.info().levels().get(k) + "' of "
                        + target.info().name() + " has no rows to learn from");
            }
        }
        double[] beta = new double[m * q]; // block k (class k + 1) holds q coefficients
        double deviance = deviance(x, y, w, beta, n, q, m);
        boolean converged = false;
        int iterations = 0;
        double[][] information = null;
        for (int iter = 1; iter <= maxIterations; iter++) {
            double[][] p = probabilities(x, beta, n, q, m);
            double[] gradient = new double[m * q];
            information = new double[m * q][m * q];
            accumulate(x, y, w, p, n, q, m, gradient, information);
            double[] step;
            try {
                step = new CholeskyDecomposition(new Array2DRowRealMatrix(information, false), 1e-14, 1e-14)
                        .getSolver().solve(new ArrayRealVector(gradient, false)).toArray();
            } catch (RuntimeException e) {
                break; // singular information: keep the last iterate, reported as not converged
            }
            double scale = 1.0;
            double[] next = null;
            double nextDeviance = Double.NaN;
            for (int h = 0; h <= MAX_HALVINGS; h++) {
                double[] candidate = beta.clone();
                for (int j = 0; j < candidate.length; j++) {
                    candidate[j] += scale * step[j];
                }
                double d = deviance(x, y, w, candidate, n, q, m);
                if (Double.isFinite(d) && d <= deviance + 1e-12 * Math.abs(deviance)) {
                    next = candidate;
                    nextDeviance = d;
                    break;
                }
                scale /= 2;
            }
            iterations = iter;
            if (next == null) {
                converged = true; // no step improves: the estimate is as good as rounding allows
                break;
            }
            double change = Math.abs(nextDeviance - deviance) / (Math.abs(nextDeviance) + 0.1);
            beta = next;
            deviance = nextDeviance;
            if (change < tolerance) {
                converged = true;
                break;
            }
        }
        double[][] p = probabilities(x, beta, n, q, m);
        double[] variance = new double[m * q];
        Arrays.fill(variance, Double.NaN);
        if (inference) {
            information = new double[m * q][m * q];
            accumulate(x, y, w, p, n, q, m, new double[m * q], information);
            variance = inverseDiagonal(information);
        }
        int boundary = 0;
        for (double[] row : p) {
            for (double v : row) {
                if (v < BOUNDARY || v > 1 - BOUNDARY) {
                    boundary++;
                    break;
                }
            }
        }
        double nullDeviance = 0;
        if (w == null) {
            double[] shares = target.classShares();
            for (int i = 0; i < n; i++) {
                nullDeviance -= 2 * Math.log(shares[y[i]]);
            }
        } else {
            // The weighted deviance of the weighted class shares, as glm's null deviance with prior weights.
            double[] weightOf = new double[classes];
            double total = 0;
            for (int i = 0; i < n; i++) {
                weightOf[y[i]] += w[i];
                total += w[i];
            }
            for (int i = 0; i < n; i++) {
                nullDeviance -= 2 * w[i] * Math.log(weightOf[y[i]] / total);
            }
        }
        List<String> findings = new ArrayList<>();
        if (boundary > 0) {
            findings.add(boundary + " of " + n + " rows are fitted with a class probability numerically 0 or 1: a"
                    + " class of " + target.info().name() + " is separated by the features (alone or combined), so"
                    + " the maximum-likelihood estimates do not exist; the coefficients"
                    + (inference ? " and their standard errors are those of the last step and overstate the evidence."
                            : " are those of the last step."));
        }
        if (!converged) {
            findings.add("the Newton iterations did not settle within " + maxIterations + " steps; the estimates"
                    + " are those of the last step and may be inaccurate.");
        }
        if (!inference) {
            findings.add(LogisticRegression.balancedFinding(classes));
        }
        int rank = design.rank();
        List<Scorer> components = new ArrayList<>(m);
        double[] reference = ColumnMeans.of(features);
        for (int k = 0; k < m; k++) {
            double[] b = Arrays.copyOfRange(beta, k * q, (k + 1) * q);
            double[] se = new double[q];
            double[] z = new double[q];
            double[] pv = new double[q];
            for (int j = 0; j < q; j++) {
                se[j] = Math.sqrt(variance[k * q + j]);
                z[j] = b[j] / se[j];
                pv[j] = 2.0 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z[j]));
            }
            Map<String, Double> fit = new LinkedHashMap<>();
            fit.put("n", (double) n);
            fit.put("null_deviance", nullDeviance);
            fit.put("residual_deviance", deviance);
            fit.put("aic", deviance + 2.0 * rank * m);
            fit.put("loglik", -deviance / 2.0);
            fit.put("iterations", (double) iterations);
            fit.put("converged", converged ? 1.0 : 0.0);
            fit.put("fitted_0_or_1", (double) boundary);
            double[] all = design.expand(b, 0.0);
            // A balanced fit's deviance and fit statistics are of the weighted likelihood; no per-term inference.
            Inference terms = inference ? new Inference("z", design.expand(se, Double.NaN),
                    design.expand(z, Double.NaN), design.expand(pv, Double.NaN), fit)
                    : Inference.fitOnly(all.length, fit);
            components.add(new LinearScorer(features.schema(), Link.IDENTITY, all[0],
                    Arrays.copyOfRange(all, 1, all.length), design.aliased(), terms).withReference(reference));
        }
        MulticlassScorer scorer = new MulticlassScorer(features.schema(), components,
                MulticlassScorer.Combination.SOFTMAX, classes);
        // As for the two-class fit: where the maximum-likelihood estimate does not exist, the fit did not converge
        // to one, whatever the iteration's stopping rule said (the raw "converged" statistic stays R's).
        return Model.of(family, target.info(), scorer)
                .withDiagnostics(new FitDiagnostics(converged && boundary == 0, METHOD, findings));
    }

    /** Each row's K class probabilities, the first class the reference (margin 0). */
    private static double[][] probabilities(double[][] x, double[] beta, int n, int q, int m) {
        double[][] p = new double[n][];
        double[] margins = new double[m + 1];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                double eta = 0;
                for (int j = 0; j < q; j++) {
                    eta += x[j][i] * beta[k * q + j];
                }
                margins[k + 1] = eta;
            }
            p[i] = MulticlassScorer.softmax(margins);
        }
        return p;
    }

    /**
     * −2 log-likelihood (each row's term times its weight when {@code w} is not null), computed from the
     * log-sum-exp of the margins so that it stays finite.
     */
    private static double deviance(double[][] x, int[] y, double[] w, double[] beta, int n, int q, int m) {
        double sum = 0;
        double[] margins = new double[m + 1];
        for (int i = 0; i < n; i++) {
            double max = 0;
            for (int k = 0; k < m; k++) {
                double eta = 0;
                for (int j = 0; j < q; j++) {
                    eta += x[j][i] * beta[k * q + j];
                }
                margins[k + 1] = eta;
                max = Math.max(max, eta);
            }
            double s = 0;
            for (double v : margins) {
                s += Math.exp(v - max);
            }
            double term = 2 * (max + Math.log(s) - margins[y[i]]);
            sum += w == null ? term : w[i] * term;
        }
        return sum;
    }

    /**
     * The score (gradient of the log-likelihood) and the information over the K − 1 blocks, each row's
     * contribution times its weight when {@code w} is not null.
     */
    private static void accumulate(double[][] x, int[] y, double[] w, double[][] p, int n, int q, int m,
            double[] gradient, double[][] information) {
        double[] xi = new double[q];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < q; j++) {
                xi[j] = x[j][i];
            }
            for (int k = 0; k < m; k++) {
                double pk = p[i][k + 1];
                double residual = (y[i] == k + 1 ? 1.0 : 0.0) - pk;
                if (w != null) {
                    residual *= w[i];
                }
                for (int a = 0; a < q; a++) {
                    gradient[k * q + a] += xi[a] * residual;
                }
                for (int l = k; l < m; l++) {
                    double h = (k == l ? pk : 0.0) - pk * p[i][l + 1];
                    if (w != null) {
                        h *= w[i];
                    }
                    if (h == 0) {
                        continue;
                    }
                    for (int a = 0; a < q; a++) {
                        double wa = h * xi[a];
                        double[] row = information[k * q + a];
                        for (int b = 0; b < q; b++) {
                            row[l * q + b] += wa * xi[b];
                        }
                    }
                }
            }
        }
        // The blocks below the diagonal mirror those above it.
        for (int r = 0; r < m * q; r++) {
            for (int c = 0; c < r; c++) {
                information[r][c] = information[c][r];
            }
        }
    }

    /** The diagonal of the inverse (NaN where it cannot be inverted). */
    private static double[] inverseDiagonal(double[][] information) {
        int d = information.length;
        double[] out = new double[d];
        try {
            RealMatrix inverse = new CholeskyDecomposition(new Array2DRowRealMatrix(information, true), 1e-14, 1e-14)
                    .getSolver().getInverse();
            for (int j = 0; j < d; j++) {
                out[j] = inverse.getEntry(j, j);
            }
        } catch (RuntimeException e) {
            Arrays.fill(out, Double.NaN);
        }
        return out;
    }
}
