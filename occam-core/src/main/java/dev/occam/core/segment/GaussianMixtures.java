package dev.occam.core.segment;

import dev.occam.runtime.segment.CovarianceModel;
import dev.occam.runtime.segment.GaussianMixtureSegmenter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;

/**
 * Gaussian mixtures fitted by EM (Dempster, Laird &amp; Rubin 1977) in mclust's covariance families (Fraley &amp;
 * Raftery 2002, JASA 97:611-631; Celeux &amp; Govaert 1995, "Gaussian parsimonious clustering models", Pattern
 * Recognition 28:781-793, for the M-steps), the number of components and the family chosen by BIC.
 *
 * <p><b>BIC</b> follows mclust's sign: {@code BIC = 2 loglik - npar log n}, larger is better, with npar counted as
 * mclust's {@code nMclustParams} ({@link CovarianceModel#parameterCount}). A fit whose covariance becomes singular
 * (a component collapsing onto too few rows) has no BIC (NaN), as mclust reports NA.
 *
 * <p><b>M-steps</b> (W_k the weighted scatter of component k, n_k its weight): EII, VII, EEI, VVI, EEE, VVV and EVI,
 * EVV, EEV have closed forms; VEI, VEE and VEV alternate between the common shape (or shape and orientation)
 * and the volumes until the relative change is below 1e-10, as Celeux &amp; Govaert's algorithms (and mclust's
 * Fortran) do; VEV and EEV take each component's orientation from the eigenvectors of W_k.
 *
 * <p><b>Initialisation.</b> mclust starts EM from model-based hierarchical agglomeration (its {@code hc}, by default
 * VVV on the data's scaled SVD) cut at G. Here each (family, G) is started from (1) Ward's agglomeration cut at G,
 * which is the EII model-based agglomeration, and (2) the best k-means partition of {@code restarts} k-means++ starts
 * plus (3) {@code restarts - 1} further single k-means++ runs with other seeds, and the start reaching the
 * highest log-likelihood is kept. On faithful and iris this reaches mclust's optimum for the chosen models (see
 * the oracle tests and docs/segmentation.md); taking the best of several starts can only find an equal or
 * higher likelihood than a single start.
 *
 * <p><b>Convergence</b>: EM stops when the log-likelihood changes by less than {@code tolerance * (1 + |loglik|)}
 * (mclust uses 1e-5; the default here is 1e-8, so the optimum is located more tightly).
 */
public final class GaussianMixtures {

    /**
     * @param maxComponents G is tried from 1 to this
     * @param models the covariance families tried
     * @param restarts k-means++ starts (besides Ward's partition), at least 1
     * @param maxIterations the most EM iterations per start
     * @param tolerance the relative log-likelihood change at which EM stops
     * @param maxWardRows the most rows Ward's agglomeration clusters (a seeded sample above that)
     * @param seed the random seed
     */
    public record Options(int maxComponents, Set<CovarianceModel> models, int restarts, int maxIterations,
            double tolerance, int maxWardRows, long seed) {
        public Options {
            if (maxComponents < 1) {
                throw new IllegalArgumentException("maxComponents must be >= 1: " + maxComponents);
            }
            if (models == null || models.isEmpty()) {
                throw new IllegalArgumentException("at least one covariance model is needed");
            }
            models = Set.copyOf(models);
            if (restarts < 1) {
                throw new IllegalArgumentException("restarts must be >= 1: " + restarts);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
            }
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("tolerance must be > 0: " + tolerance);
            }
            if (maxWardRows < 2) {
                throw new IllegalArgumentException("maxWardRows must be >= 2: " + maxWardRows);
            }
        }

        /** G = 1..9 (mclust's default), every family, 3 k-means++ starts, 1000 iterations, tolerance 1e-8, seed 42. */
        public static Options defaults() {
            return new Options(9, EnumSet.allOf(CovarianceModel.class), 3, 1000, 1e-8, 2000, 42);
        }

        public Options withMaxComponents(int value) {
            return new Options(value, models, restarts, maxIterations, tolerance, maxWardRows, seed);
        }

        public Options withModels(Set<CovarianceModel> value) {
            return new Options(maxComponents, value, restarts, maxIterations, tolerance, maxWardRows, seed);
        }

        public Options withSeed(long value) {
            return new Options(maxComponents, models, restarts, maxIterations, tolerance, maxWardRows, value);
        }
    }

    /**
     * One fitted mixture, or a failed one ({@code segmenter} null, BIC NaN, {@code failure} saying why).
     *
     * @param labels each row's most probable component (the MAP classification)
     * @param uncertainty each row's 1 - max posterior (mclust's uncertainty)
     */
    public record Fit(CovarianceModel model, int components, GaussianMixtureSegmenter segmenter, double logLikelihood,
            long parameters, double bic, int[] labels, double[] uncertainty, boolean converged, int iterations,
            String failure) {

        public boolean failed() {
            return segmenter == null;
        }
    }

    /** Every (family, G) fit, and the one with the largest BIC (ties: fewer parameters). */
    public record Selection(List<Fit> fits, Fit best) {

        /** The fit of one family and G, or null when it was not tried. */
        public Fit fit(CovarianceModel model, int components) {
            return fits.stream().filter(f -> f.model() == model && f.components() == components).findFirst().orElse(null);
        }
    }

    private GaussianMixtures() {
    }

    /** Fits every family in the options for G = 1..maxComponents and chooses by BIC. */
    public static Selection select(double[][] x, Options options) {
        requireFinite(x);
        int maxG = Math.min(options.maxComponents(), x.length);
        List<int[][]> starts = starts(x, maxG, options);
        List<CovarianceModel> models = new ArrayList<>();
        List<Integer> components = new ArrayList<>();
        for (CovarianceModel model : CovarianceModel.values()) {
            if (!options.models().contains(model)) {
                continue;
            }
            for (int g = 1; g <= maxG; g++) {
                models.add(model);
                components.add(g);
            }
        }
        // Each (family, G) is fitted on its own from fixed starts, so fitting them at once changes no number; the
        // choice below reads them in the family order.
        List<Fit> fits = java.util.stream.IntStream.range(0, models.size()).parallel()
                .mapToObj(t -> fitFromStarts(x, models.get(t), components.get(t), starts.get(components.get(t) - 1),
                        options)).toList();
        Fit best = null;
        for (Fit fit : fits) {
            if (!fit.failed() && (best == null || fit.bic() > best.bic()
                    || (fit.bic() == best.bic() && fit.parameters() < best.parameters()))) {
                best = fit;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no Gaussian mixture could be fitted: every covariance became singular ("
                    + fits.get(0).failure() + ")");
        }
        return new Selection(List.copyOf(fits), best);
    }

    /** One family with G components, from the same starts {@link #select} uses. */
    public static Fit fit(double[][] x, CovarianceModel model, int g, Options options) {
        requireFinite(x);
        if (g > x.length) {
            throw new IllegalArgumentException("cannot fit " + g + " components to " + x.length + " rows");
        }
        return fitFromStarts(x, model, g, starts(x, g, options).get(g - 1), options);
    }

    /** For each G, the initial hard partitions: Ward's cut, then k-means partitions. */
    private static List<int[][]> starts(double[][] x, int maxG, Options options) {
        int[][] ward = WardClustering.partitions(x, maxG, options.maxWardRows(), options.seed());
        List<int[][]> out = new ArrayList<>();
        for (int g = 1; g <= maxG; g++) {
            if (g == 1) {
                out.add(new int[][] {new int[x.length]});
                continue;
            }
            List<int[]> list = new ArrayList<>();
            list.add(ward[g - 1]);
            KMeans.Options km = new KMeans.Options(g, options.restarts(), 100, options.seed());
            list.add(KMeans.fit(x, km).labels());
            for (int r = 1; r < options.restarts(); r++) {
                list.add(KMeans.fit(x, km.withRestarts(1).withSeed(options.seed() + 7919L * r)).labels());
            }
            out.add(list.toArray(new int[0][]));
        }
        return out;
    }

    private static Fit fitFromStarts(double[][] x, CovarianceModel model, int g, int[][] starts, Options options) {
        Fit best = null;
        List<int[]> tried = new ArrayList<>();
        for (int[] start : starts) {
            if (tried.stream().anyMatch(t -> AdjustedRandIndex.of(t, start) == 1.0)) {
                continue; // the same partition again
            }
            tried.add(start);
            Fit fit = em(x, model, g, start, options);
            if (best == null || (best.failed() && !fit.failed())
                    || (!fit.failed() && fit.logLikelihood() > best.logLikelihood())) {
                best = fit;
            }
        }
        return best;
    }

    /** EM from a hard partition: M-step on its indicators, then E and M steps to convergence. */
    static Fit em(double[][] x, CovarianceModel model, int g, int[] start, Options options) {
        int n = x.length;
        int d = x[0].length;
        double[][] z = new double[n][g];
        for (int i = 0; i < n; i++) {
            z[i][start[i]] = 1;
        }
        double previous = Double.NEGATIVE_INFINITY;
        double loglik = Double.NaN;
        boolean converged = false;
        int iterations = 0;
        Params params = null;
        for (int it = 0; it < options.maxIterations(); it++) {
            iterations = it + 1;
            try {
                params = mStep(x, z, model, g);
            } catch (org.hipparchus.exception.MathRuntimeException e) {
                return failedFit(model, g, d, "the covariance could not be estimated (" + e.getMessage() + ")");
            }
            if (params.failure != null) {
                return failedFit(model, g, d, params.failure);
            }
            loglik = eStep(x, params, z);
            if (!Double.isFinite(loglik)) {
                return failedFit(model, g, d, "the log-likelihood is not finite");
            }
            if (Math.abs(loglik - previous) < options.tolerance() * (1 + Math.abs(loglik))) {
                converged = true;
                break;
            }
            previous = loglik;
        }
        // Final estimate consistent with the last posteriors, as mclust reports it.
        long npar = model.parameterCount(d, g);
        double bic = 2 * loglik - npar * Math.log(n);
        int[] labels = new int[n];
        double[] uncertainty = new double[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < g; k++) {
                if (z[i][k] > z[i][best]) {
                    best = k;
                }
            }
            labels[i] = best;
            uncertainty[i] = 1 - z[i][best];
        }
        GaussianMixtureSegmenter segmenter;
        try {
            double sum = Arrays.stream(params.weights).sum();
            double[] w = params.weights.clone();
            for (int k = 0; k < g; k++) {
                w[k] /= sum;
            }
            segmenter = new GaussianMixtureSegmenter(model, w, params.means, params.covariances);
        } catch (IllegalArgumentException e) {
            return failedFit(model, g, d, e.getMessage());
        }
        return new Fit(model, g, segmenter, loglik, npar, bic, labels, uncertainty, converged, iterations, null);
    }

    private static Fit failedFit(CovarianceModel model, int g, int d, String why) {
        return new Fit(model, g, null, Double.NaN, model.parameterCount(d, g), Double.NaN, null, null, false, 0,
                model + " with " + g + " components: " + why);
    }

    /** The fitted parameters of one M-step, with their Cholesky factors, or a failure. */
    private static final class Params {
        double[] weights;
        double[][] means;
        double[][][] covariances;
        double[][][] cholesky;
        String failure;
    }

    private static Params mStep(double[][] x, double[][] z, CovarianceModel model, int g) {
        int n = x.length;
        int d = x[0].length;
        Params p = new Params();
        double[] nk = new double[g];
        double[][] mu = new double[g][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < g; k++) {
                nk[k] += z[i][k];
                for (int j = 0; j < d; j++) {
                    mu[k][j] += z[i][k] * x[i][j];
                }
            }
        }
        for (int k = 0; k < g; k++) {
            if (!(nk[k] > 1e-8 * n)) {
                p.failure = "component " + (k + 1) + " lost all its rows";
                return p;
            }
            for (int j = 0; j < d; j++) {
                mu[k][j] /= nk[k];
            }
        }
        double[][][] w = new double[g][d][d];
        double[] diff = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < g; k++) {
                double zik = z[i][k];
                if (zik == 0) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    diff[j] = x[i][j] - mu[k][j];
                }
                for (int a = 0; a < d; a++) {
                    double za = zik * diff[a];
                    for (int b = 0; b <= a; b++) {
                        w[k][a][b] += za * diff[b];
                    }
                }
            }
        }
        for (int k = 0; k < g; k++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < a; b++) {
                    w[k][b][a] = w[k][a][b];
                }
            }
        }
        double[][][] sigma = CovarianceMStep.covariances(model, w, nk, n);
        p.weights = new double[g];
        for (int k = 0; k < g; k++) {
            p.weights[k] = nk[k] / n;
        }
        p.means = mu;
        p.covariances = sigma;
        p.cholesky = new double[g][][];
        for (int k = 0; k < g; k++) {
            double[][] l = sigma == null ? null : GaussianMixtureSegmenter.cholesky(sigma[k]);
            if (l == null || conditionTooPoor(l)) {
                p.failure = "the covariance of component " + (k + 1) + " became singular";
                return p;
            }
            p.cholesky[k] = l;
        }
        return p;
    }

    /** mclust treats a covariance whose reciprocal condition number is below machine epsilon as singular. */
    private static boolean conditionTooPoor(double[][] l) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < l.length; i++) {
            min = Math.min(min, l[i][i]);
            max = Math.max(max, l[i][i]);
        }
        double ratio = min / max;
        return ratio * ratio < 1e-13;
    }

    /** Posteriors into z; returns the log-likelihood. */
    private static double eStep(double[][] x, Params p, double[][] z) {
        int g = p.weights.length;
        double loglik = 0;
        double[] log = new double[g];
        for (int i = 0; i < x.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < g; k++) {
                log[k] = Math.log(p.weights[k]) + GaussianMixtureSegmenter.logDensity(x[i], p.means[k], p.cholesky[k]);
                max = Math.max(max, log[k]);
            }
            double sum = 0;
            for (int k = 0; k < g; k++) {
                z[i][k] = Math.exp(log[k] - max);
                sum += z[i][k];
            }
            for (int k = 0; k < g; k++) {
                z[i][k] /= sum;
            }
            loglik += max + Math.log(sum);
        }
        return loglik;
    }

    private static void requireFinite(double[][] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("cannot fit a mixture to zero rows");
        }
        for (int i = 0; i < x.length; i++) {
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Gaussian mixtures need finite values; row " + i + " has " + v);
                }
            }
        }
    }

    /** The eigenvalues (descending) and eigenvectors (columns, same order) of a symmetric matrix. */
    static double[][][] eigen(double[][] a) {
        EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(a));
        double[] values = e.getEigenvalues();
        double[][] vectors = e.getV().getData();
        int d = a.length;
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        double[][] sortedValues = new double[1][d];
        double[][] sortedVectors = new double[d][d];
        for (int c = 0; c < d; c++) {
            sortedValues[0][c] = values[order[c]];
            for (int r = 0; r < d; r++) {
                sortedVectors[r][c] = vectors[r][order[c]];
            }
        }
        return new double[][][] {sortedValues, sortedVectors};
    }
}
