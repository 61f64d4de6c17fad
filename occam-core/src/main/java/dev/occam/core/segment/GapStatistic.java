package dev.occam.core.segment;

import java.util.SplittableRandom;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The gap statistic for the number of k-means clusters (Tibshirani, Walther &amp; Hastie 2001, "Estimating the number
 * of clusters in a data set via the gap statistic", JRSS B 63:411-423). For k = 1..K, {@code Gap(k) = E*[log W_k]
 * - log W_k}, where {@code W_k} is the k-means within sum of squares and {@code E*} its mean over B reference data
 * sets drawn uniformly over the box aligned with the data's principal components (their method (b)); {@code s_k =
 * sd_k sqrt(1 + 1/B)}. The chosen k is the smallest with {@code Gap(k) >= Gap(k+1) - s_(k+1)} (their 1-SE rule,
 * R {@code cluster::maxSE(method = "Tibs2001SEmax")}'s first step); k = 1 says "no cluster structure".
 */
public final class GapStatistic {

    /**
     * @param maxK the largest k tried (at least 1)
     * @param references B, the number of reference data sets (at least 2)
     * @param kmeans the k-means options for the data (its k is replaced); references use the same with fewer restarts
     */
    public record Options(int maxK, int references, KMeans.Options kmeans) {
        public Options {
            if (maxK < 1) {
                throw new IllegalArgumentException("maxK must be >= 1: " + maxK);
            }
            if (references < 2) {
                throw new IllegalArgumentException("references must be >= 2: " + references);
            }
        }

        /** k up to {@code maxK}, B = 20 references, k-means with 10 restarts, the given seed. */
        public static Options of(int maxK, long seed) {
            return new Options(maxK, 20, KMeans.Options.of(1).withSeed(seed));
        }
    }

    /**
     * @param logW log W_k for k = 1..K (index k - 1)
     * @param expectedLogW E*[log W_k]
     * @param gap Gap(k)
     * @param standardError s_k
     * @param chosenK the 1-SE choice
     * @param fits the k-means fit on the data for each k
     */
    public record Result(double[] logW, double[] expectedLogW, double[] gap, double[] standardError, int chosenK,
            KMeans.Result[] fits) {
    }

    private GapStatistic() {
    }

    public static Result compute(double[][] x, Options options) {
        int n = x.length;
        int maxK = Math.min(options.maxK(), n);
        int d = x[0].length;
        KMeans.Result[] fits = new KMeans.Result[maxK];
        double[] logW = new double[maxK];
        for (int k = 1; k <= maxK; k++) {
            fits[k - 1] = KMeans.fit(x, options.kmeans().withK(k));
            logW[k - 1] = Math.log(fits[k - 1].withinSumOfSquares());
        }
        // Reference box: the data centred and rotated onto its principal axes, each axis's range.
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] centred = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred[i][j] = x[i][j] - mean[j];
            }
        }
        RealMatrix v = new SingularValueDecomposition(MatrixUtils.createRealMatrix(centred)).getV();
        double[][] rotated = MatrixUtils.createRealMatrix(centred).multiply(v).getData();
        int p = rotated[0].length;
        double[] lo = new double[p];
        double[] hi = new double[p];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] row : rotated) {
            for (int j = 0; j < p; j++) {
                lo[j] = Math.min(lo[j], row[j]);
                hi[j] = Math.max(hi[j], row[j]);
            }
        }
        RealMatrix vt = v.transpose();
        int b = options.references();
        double[][] refLogW = new double[maxK][b];
        SplittableRandom random = new SplittableRandom(options.kmeans().seed() ^ 0x9E3779B97F4A7C15L);
        KMeans.Options refOptions = options.kmeans().withRestarts(Math.max(1, Math.min(options.kmeans().restarts(), 3)));
        double[][][] refs = new double[b][][];
        long[] seeds = new long[b];
        for (int r = 0; r < b; r++) {
            double[][] z = new double[n][p];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) {
                    z[i][j] = lo[j] + random.nextDouble() * (hi[j] - lo[j]);
                }
            }
            refs[r] = MatrixUtils.createRealMatrix(z).multiply(vt).getData();
            seeds[r] = random.nextLong();
        }
        // The references are drawn in order above; each one's fits depend only on it, so they run at once.
        java.util.stream.IntStream.range(0, b).parallel().forEach(r -> {
            for (int k = 1; k <= maxK; k++) {
                refLogW[k - 1][r] = Math.log(KMeans.fit(refs[r], refOptions.withK(k).withSeed(seeds[r]))
                        .withinSumOfSquares());
            }
        });
        double[] expected = new double[maxK];
        double[] gap = new double[maxK];
        double[] se = new double[maxK];
        for (int k = 0; k < maxK; k++) {
            double m = 0;
            for (double w : refLogW[k]) {
                m += w / b;
            }
            double ss = 0;
            for (double w : refLogW[k]) {
                ss += (w - m) * (w - m);
            }
            expected[k] = m;
            gap[k] = m - logW[k];
            // Tibshirani et al. define sd_k with 1/B; R's clusGap uses sd() (1/(B-1)). We follow the paper.
            se[k] = Math.sqrt(ss / b) * Math.sqrt(1 + 1.0 / b);
        }
        return new Result(logW, expected, gap, se, chooseOneStandardError(gap, se), fits);
    }

    /** The smallest k (1-based) with {@code gap[k] >= gap[k+1] - se[k+1]}; the largest k when none qualifies. */
    public static int chooseOneStandardError(double[] gap, double[] se) {
        if (gap.length != se.length || gap.length == 0) {
            throw new IllegalArgumentException("gap and standard errors must be non-empty and aligned: " + gap.length
                    + " vs " + se.length);
        }
        for (int k = 0; k + 1 < gap.length; k++) {
            if (gap[k] >= gap[k + 1] - se[k + 1]) {
                return k + 1;
            }
        }
        return gap.length;
    }
}
