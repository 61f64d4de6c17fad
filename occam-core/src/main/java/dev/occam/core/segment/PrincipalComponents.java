package dev.occam.core.segment;

import java.util.List;

/**
 * Principal components of prepared rows (Pearson 1901; Jolliffe 2002): the eigenvectors of the sample covariance,
 * by decreasing variance, with each one's share of the total variance; for the report's segment scatter (rows on
 * the first two components) and the data profile. Eigen-decomposition by Hipparchus.
 *
 * @param names the prepared columns' names
 * @param centre the column means subtracted
 * @param variances each component's variance (eigenvalue), decreasing
 * @param explained each component's share of the total variance
 * @param loadings {@code loadings[c][j]}: weight of column j in component c (unit length; the largest weight positive)
 */
public record PrincipalComponents(List<String> names, double[] centre, double[] variances, double[] explained,
        double[][] loadings) {

    /** @throws IllegalArgumentException with fewer than two rows */
    public static PrincipalComponents of(double[][] x, List<String> names) {
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("principal components need at least two rows, got " + n);
        }
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] r : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += (r[a] - mean[a]) * (r[b] - mean[b]) / (n - 1);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                cov[b][a] = cov[a][b];
            }
        }
        double[][][] sorted = GaussianMixtures.eigen(cov);
        double[] values = sorted[0][0];
        double total = 0;
        for (int c = 0; c < d; c++) {
            values[c] = Math.max(values[c], 0);
            total += values[c];
        }
        double[] explained = new double[d];
        double[][] loadings = new double[d][d];
        for (int c = 0; c < d; c++) {
            explained[c] = total > 0 ? values[c] / total : 0;
            int largest = 0;
            for (int j = 0; j < d; j++) {
                loadings[c][j] = sorted[1][j][c];
                if (Math.abs(loadings[c][j]) > Math.abs(loadings[c][largest])) {
                    largest = j;
                }
            }
            if (loadings[c][largest] < 0) {
                for (int j = 0; j < d; j++) {
                    loadings[c][j] = -loadings[c][j];
                }
            }
        }
        return new PrincipalComponents(List.copyOf(names), mean, values, explained, loadings);
    }

    /** The first {@code m} component scores of one prepared row. */
    public double[] scores(double[] row, int m) {
        double[] out = new double[m];
        for (int c = 0; c < m; c++) {
            for (int j = 0; j < row.length; j++) {
                out[c] += loadings[c][j] * (row[j] - centre[j]);
            }
        }
        return out;
    }
}
