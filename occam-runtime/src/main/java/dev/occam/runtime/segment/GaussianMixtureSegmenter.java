package dev.occam.runtime.segment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Gaussian mixture: a row belongs to the component with the highest posterior probability
 * {@code w_k phi(x; mu_k, Sigma_k) / sum_j w_j phi(x; mu_j, Sigma_j)}, which is also its membership probability
 * (the MAP classification of mclust's {@code predict.Mclust}). Densities are evaluated through the Cholesky factor
 * of each covariance and combined on the log scale, so far-out rows do not underflow.
 *
 * @param model the covariance family the mixture was fitted in
 * @param weights the mixing proportions, summing to 1
 * @param means one mean per component
 * @param covariances one d x d covariance per component (positive definite)
 */
public record GaussianMixtureSegmenter(CovarianceModel model, double[] weights, double[][] means,
        double[][][] covariances) implements Segmenter {

    public GaussianMixtureSegmenter {
        Objects.requireNonNull(model, "model");
        int g = weights.length;
        if (g == 0 || means.length != g || covariances.length != g) {
            throw new IllegalArgumentException("a mixture needs as many means and covariances as weights: " + g + " weights, "
                    + means.length + " means, " + covariances.length + " covariances");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0)) {
                throw new IllegalArgumentException("mixing weights must be > 0: " + Arrays.toString(weights));
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("mixing weights must sum to 1: " + sum);
        }
        int d = means[0].length;
        weights = weights.clone();
        double[][] m = new double[g][];
        double[][][] c = new double[g][][];
        for (int k = 0; k < g; k++) {
            if (means[k].length != d || covariances[k].length != d) {
                throw new IllegalArgumentException("component " + k + " does not have dimension " + d);
            }
            m[k] = means[k].clone();
            c[k] = new double[d][];
            for (int i = 0; i < d; i++) {
                c[k][i] = covariances[k][i].clone();
            }
            if (cholesky(c[k]) == null) {
                throw new IllegalArgumentException("covariance of component " + k + " is not positive definite");
            }
        }
        means = m;
        covariances = c;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[][] means() {
        double[][] out = new double[means.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = means[k].clone();
        }
        return out;
    }

    @Override
    public double[][][] covariances() {
        double[][][] out = new double[covariances.length][][];
        for (int k = 0; k < out.length; k++) {
            out[k] = new double[covariances[k].length][];
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = covariances[k][i].clone();
            }
        }
        return out;
    }

    @Override
    @JsonIgnore
    public int segmentCount() {
        return weights.length;
    }

    @Override
    @JsonIgnore
    public int numericDimension() {
        return means[0].length;
    }

    /** Every component's posterior probability for one prepared row. */
    public double[] posterior(double[] prepared) {
        Segmenter.requireLength(prepared, numericDimension(), "Gaussian mixture");
        int g = weights.length;
        double[] log = new double[g];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < g; k++) {
            log[k] = Math.log(weights[k]) + logDensity(prepared, means[k], cholesky(covariances[k]));
            max = Math.max(max, log[k]);
        }
        double sum = 0;
        for (int k = 0; k < g; k++) {
            log[k] = Math.exp(log[k] - max);
            sum += log[k];
        }
        for (int k = 0; k < g; k++) {
            log[k] /= sum;
        }
        return log;
    }

    @Override
    public Assignment assign(double[] prepared) {
        double[] p = posterior(prepared);
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return new Assignment(best, Math.min(1.0, p[best]));
    }

    @Override
    public long parameterCount() {
        return model.parameterCount(numericDimension(), weights.length);
    }

    @Override
    public String describe() {
        return "Gaussian mixture " + model + " (" + model.words() + "), " + weights.length + " segments";
    }

    /** log phi(x; mu, L L'), with L the lower Cholesky factor. */
    public static double logDensity(double[] x, double[] mu, double[][] chol) {
        int d = x.length;
        double[] z = new double[d];
        double quad = 0;
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            double s = x[i] - mu[i];
            for (int j = 0; j < i; j++) {
                s -= chol[i][j] * z[j];
            }
            z[i] = s / chol[i][i];
            quad += z[i] * z[i];
            logDet += Math.log(chol[i][i]);
        }
        return -0.5 * d * Math.log(2 * Math.PI) - logDet - 0.5 * quad;
    }

    /** The lower Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
    public static double[][] cholesky(double[][] a) {
        int d = a.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianMixtureSegmenter other && model == other.model
                && Arrays.equals(weights, other.weights) && Arrays.deepEquals(means, other.means)
                && Arrays.deepEquals(covariances, other.covariances);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, Arrays.hashCode(weights), Arrays.deepHashCode(means), Arrays.deepHashCode(covariances));
    }

    @Override
    public String toString() {
        return describe();
    }
}
