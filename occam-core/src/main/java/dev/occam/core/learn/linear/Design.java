package dev.occam.core.learn.linear;

import dev.occam.core.data.Target;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.Arrays;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The design matrix of a linear model: an intercept column of ones followed by the frame's numeric
 * columns, with the columns that are linear combinations of the ones before them set aside as
 * aliased. Held by columns; least-squares solves go through Hipparchus's Householder QR.
 */
final class Design {

    private final int rows;
    /** Every input column, aliased or not, in frame order. */
    private final double[][] columns;
    private final boolean[] aliased;
    /** Indices (into {@link #columns}) of the columns that take part in the fit. */
    private final int[] kept;

    private Design(int rows, double[][] columns, boolean[] aliased) {
        this.rows = rows;
        this.columns = columns;
        this.aliased = aliased;
        int count = 0;
        for (boolean a : aliased) {
            if (!a) {
                count++;
            }
        }
        this.kept = new int[count];
        for (int j = 0, k = 0; j < aliased.length; j++) {
            if (!aliased[j]) {
                kept[k++] = j;
            }
        }
    }

    /**
     * Reads and checks the features, then finds the aliased columns.
     *
     * @param model the model's name, for messages
     * @param aliasTolerance a column is aliased when the part of it not explained by the kept columns
     *     before it has a norm below this fraction of its own norm
     * @throws IllegalArgumentException naming the column (and row) when a column is categorical or holds a
     *     missing or infinite value, or when the row counts differ or are zero
     */
    static Design of(Frame features, Target target, String model, double aliasTolerance) {
        target.requireRowsOf(features);
        if (features.rows() == 0) {
            throw new IllegalArgumentException("cannot fit a " + model + " on zero rows");
        }
        int n = features.rows();
        double[][] columns = new double[features.columnCount()][];
        for (int j = 0; j < columns.length; j++) {
            Column c = features.column(j);
            if (!(c instanceof NumericColumn nc)) {
                throw new IllegalArgumentException("column '" + c.name() + "' is categorical; a " + model
                        + " needs numbers (encode it first, as its pipeline() does)");
            }
            double[] v = nc.values();
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(v[i])) {
                    throw new IllegalArgumentException("column '" + c.name() + "' is missing at row " + i + "; a "
                            + model + " needs complete rows (impute first, as its pipeline() does)");
                }
                if (Double.isInfinite(v[i])) {
                    throw new IllegalArgumentException("column '" + c.name() + "' holds " + v[i] + " at row " + i);
                }
            }
            columns[j] = v;
        }
        return new Design(n, columns, findAliased(columns, n, aliasTolerance));
    }

    /**
     * Which columns are aliased, decided as LINPACK's {@code dqrdc2} (used by R's {@code lm} and
     * {@code glm}) decides: Householder QR in column order, intercept first, where a column whose remaining
     * norm has fallen below {@code tolerance} times its original norm is set aside instead of pivoted on.
     * Later columns are never moved forward, so of a dependent set the earliest columns are kept. The
     * remaining norm is recomputed rather than downdated; the decision is the same up to rounding.
     */
    static boolean[] findAliased(double[][] columns, int n, double tolerance) {
        int p = columns.length;
        boolean[] aliased = new boolean[p];
        int maxRank = Math.min(n, p + 1);
        double[][] reflectors = new double[maxRank][];
        double[] betas = new double[maxRank];
        int rank = 0;
        for (int j = -1; j < p; j++) {
            double[] a = new double[n];
            if (j < 0) {
                Arrays.fill(a, 1.0);
            } else {
                System.arraycopy(columns[j], 0, a, 0, n);
            }
            double original = norm(a, 0);
            double reference = original == 0.0 ? 1.0 : original;
            for (int r = 0; r < rank; r++) {
                reflect(reflectors[r], betas[r], r, a);
            }
            double remaining = rank < n ? norm(a, rank) : 0.0;
            if (rank >= n || remaining < tolerance * reference) {
                if (j < 0) {
                    throw new IllegalStateException("the intercept cannot be aliased");
                }
                aliased[j] = true;
                continue;
            }
            // Householder vector v = a[rank..] - alpha e_rank, alpha of the opposite sign to avoid cancellation.
            double alpha = a[rank] > 0 ? -remaining : remaining;
            double[] v = new double[n];
            System.arraycopy(a, rank, v, rank, n - rank);
            v[rank] -= alpha;
            double vv = 0;
            for (int i = rank; i < n; i++) {
                vv += v[i] * v[i];
            }
            reflectors[rank] = v;
            betas[rank] = vv == 0.0 ? 0.0 : 2.0 / vv;
            rank++;
        }
        return aliased;
    }

    private static void reflect(double[] v, double beta, int from, double[] a) {
        double s = 0;
        for (int i = from; i < a.length; i++) {
            s += v[i] * a[i];
        }
        s *= beta;
        for (int i = from; i < a.length; i++) {
            a[i] -= s * v[i];
        }
    }

    /** The Euclidean norm of {@code a[from..]}, scaled to avoid overflow for large values. */
    static double norm(double[] a, int from) {
        double scale = 0;
        for (int i = from; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(a[i]));
        }
        if (scale == 0.0) {
            return 0.0;
        }
        double s = 0;
        for (int i = from; i < a.length; i++) {
            double t = a[i] / scale;
            s += t * t;
        }
        return scale * Math.sqrt(s);
    }

    int rows() {
        return rows;
    }

    /** Number of input columns, aliased or not. */
    int inputs() {
        return columns.length;
    }

    /** Number of fitted parameters: the intercept and the kept columns. */
    int rank() {
        return kept.length + 1;
    }

    boolean[] aliased() {
        return aliased.clone();
    }

    /**
     * The columns that take part in the fit, as the solver sees them: the intercept's ones first, then each kept
     * column (shared, not copied: do not modify).
     */
    double[][] fittedColumns() {
        double[][] out = new double[rank()][];
        out[0] = new double[rows];
        Arrays.fill(out[0], 1.0);
        for (int k = 0; k < kept.length; k++) {
            out[k + 1] = columns[kept[k]];
        }
        return out;
    }

    /** Every input column, aliased or not, in frame order (shared, not copied: do not modify). */
    double[] input(int j) {
        return columns[j];
    }

    /** {@code β₀ + Σ βₖ xₖ} for every row, {@code beta} over the intercept and the kept columns. */
    double[] linearPredictor(double[] beta) {
        double[] eta = new double[rows];
        Arrays.fill(eta, beta[0]);
        for (int k = 0; k < kept.length; k++) {
            double b = beta[k + 1];
            double[] x = columns[kept[k]];
            for (int i = 0; i < rows; i++) {
                eta[i] += b * x[i];
            }
        }
        return eta;
    }

    /**
     * Least squares of {@code w ⊙ z} on the rows of the design scaled by {@code w} (weighted least squares
     * with weights w²), by Householder QR.
     *
     * @param withVariance also compute the diagonal of {@code (XᵀW²X)⁻¹}
     * @throws MathRuntimeException when the scaled design is exactly singular
     */
    Solution solve(double[] w, double[] z, boolean withVariance) {
        int q = rank();
        double[][] a = new double[rows][q];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            double[] row = a[i];
            row[0] = w[i];
            for (int k = 0; k < kept.length; k++) {
                row[k + 1] = w[i] * columns[kept[k]][i];
            }
            b[i] = w[i] * z[i];
        }
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(a, false));
        double[] beta = qr.getSolver().solve(new ArrayRealVector(b, false)).toArray();
        double[] variance = withVariance ? inverseGramDiagonal(qr.getR().getSubMatrix(0, q - 1, 0, q - 1)) : null;
        return new Solution(beta, variance);
    }

    /** diag((RᵀR)⁻¹) = squared row norms of R⁻¹; NaN where R is singular. */
    private static double[] inverseGramDiagonal(RealMatrix r) {
        int q = r.getRowDimension();
        double[] diagonal = new double[q];
        try {
            for (int j = 0; j < q; j++) {
                RealVector e = new ArrayRealVector(q);
                e.setEntry(j, 1.0);
                MatrixUtils.solveUpperTriangularSystem(r, e);
                for (int i = 0; i < q; i++) {
                    diagonal[i] += e.getEntry(i) * e.getEntry(i);
                }
            }
        } catch (MathRuntimeException e) {
            Arrays.fill(diagonal, Double.NaN);
        }
        return diagonal;
    }

    /**
     * Spreads values over the intercept and the kept columns (length {@link #rank()}) to the intercept and
     * every input column (length {@link #inputs()} + 1), with {@code fill} for aliased columns.
     */
    double[] expand(double[] values, double fill) {
        double[] out = new double[columns.length + 1];
        Arrays.fill(out, fill);
        out[0] = values[0];
        for (int k = 0; k < kept.length; k++) {
            out[kept[k] + 1] = values[k + 1];
        }
        return out;
    }

    /** Least-squares coefficients and, when asked for, the diagonal of the inverse Gram matrix. */
    record Solution(double[] coefficients, double[] inverseGramDiagonal) {
    }
}
