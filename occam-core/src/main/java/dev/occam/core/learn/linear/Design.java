package dev.occam.core.learn.linear;

import dev.occam.core.data.Target;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.util.Arrays;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;

/**
 * The design matrix of a linear model: an intercept column of ones followed by the frame's numeric
 * columns, with the columns that are linear combinations of the ones before them set aside as
 * aliased. Held by columns. Least-squares solves go through Householder QR (in place, Hipparchus's order of
 * operations); a weighted iteration's solve and the standard errors' inverse go through the normal equations
 * ({@link WeightedGram}, one pass over the rows, on several cores for large designs) when they are well
 * conditioned. Not thread-safe: one instance per fit.
 */
final class Design {

    private final int rows;
    /** Every input column, aliased or not, in frame order. */
    private final double[][] columns;
    private final boolean[] aliased;
    /** Indices (into {@link #columns}) of the columns that take part in the fit. */
    private final int[] kept;
    /** X'X of every column, intercept first, when the aliasing screen found them clearly independent; else null. */
    private double[][] unweightedGram;
    /** The normal equations' pass over the kept columns, made at the first weighted solve. */
    private WeightedGram gram;
    private double[] squaredWeights;

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
        double[][] gram = independentGram(columns, n);
        Design design = new Design(n, columns, gram != null ? new boolean[columns.length]
                : findAliasedByQr(columns, n, aliasTolerance));
        design.unweightedGram = gram;
        return design;
    }

    /**
     * Which columns are aliased, decided as LINPACK's {@code dqrdc2} (used by R's {@code lm} and
     * {@code glm}) decides: Householder QR in column order, intercept first, where a column whose remaining
     * norm has fallen below {@code tolerance} times its original norm is set aside instead of pivoted on.
     * Later columns are never moved forward, so of a dependent set the earliest columns are kept. The
     * remaining norm is recomputed rather than downdated; the decision is the same up to rounding.
     */
    static boolean[] findAliased(double[][] columns, int n, double tolerance) {
        if (independentGram(columns, n) != null) {
            return new boolean[columns.length];
        }
        return findAliasedByQr(columns, n, tolerance);
    }

    /**
     * Below this remaining fraction of a column's norm, found from the Gram matrix, {@link #findAliased} decides by
     * QR. Above it, rounding in the Gram matrix (about q·ε of a column's squared norm, 1e-14) cannot bring the
     * fraction anywhere near an aliasing tolerance (at most 1e-7): the fraction squared, 1e-8, is a million times
     * the error.
     */
    static final double INDEPENDENT_FRACTION = 1e-4;

    /**
     * Whether every column, intercept first, keeps more than {@link #INDEPENDENT_FRACTION} of its norm once the
     * columns before it are projected out, computed from the Gram matrix XᵀX (one pass over the rows, on the
     * common pool for large designs) by Cholesky: the squared remaining norm that QR would find is the Schur
     * complement's diagonal. Then no column is aliased at any tolerance QR would use, and the QR, n·q² work with a
     * copy of every column, is skipped.
     */
    static boolean clearlyIndependent(double[][] columns, int n) {
        return independentGram(columns, n) != null;
    }

    /** X'X (intercept first) when {@link #clearlyIndependent}, else null. */
    private static double[][] independentGram(double[][] columns, int n) {
        if (n <= columns.length + 1) {
            return null;
        }
        WeightedGram gram = new WeightedGram(columns, n);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        gram.compute(ones, null);
        double[][] g = gram.gram();
        int q = g.length;
        double[][] l = new double[q][q];
        for (int j = 0; j < q; j++) {
            double original = g[j][j];
            double d = original;
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(original > 0) || !Double.isFinite(original)
                    || !(d > INDEPENDENT_FRACTION * INDEPENDENT_FRACTION * original)) {
                return null;
            }
            double ljj = Math.sqrt(d);
            l[j][j] = ljj;
            for (int i = j + 1; i < q; i++) {
                double s = g[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / ljj;
            }
        }
        return g;
    }

    /** {@link #findAliased} by Householder QR, as dqrdc2. */
    static boolean[] findAliasedByQr(double[][] columns, int n, double tolerance) {
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
        return linearPredictorInto(beta, new double[rows]);
    }

    /** As {@link #linearPredictor}, written into {@code eta} (length {@link #rows()}), which is returned. */
    double[] linearPredictorInto(double[] beta, double[] eta) {
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
        // Held by columns (qrt[j] is column j of the scaled design), so each Householder step walks contiguous
        // memory; one array per solve instead of the three copies a library QR of a row-major matrix makes.
        double[][] qrt = new double[q][rows];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            qrt[0][i] = w[i];
            b[i] = w[i] * z[i];
        }
        for (int k = 0; k < kept.length; k++) {
            double[] column = columns[kept[k]];
            double[] scaled = qrt[k + 1];
            for (int i = 0; i < rows; i++) {
                scaled[i] = w[i] * column[i];
            }
        }
        double[] rDiagonal = householder(qrt);
        double[] beta = leastSquares(qrt, rDiagonal, b);
        double[] variance = withVariance ? inverseGramDiagonal(upperTriangle(qrt, rDiagonal)) : null;
        return new Solution(beta, variance);
    }

    /**
     * The largest ratio of the Cholesky factor's largest to smallest diagonal element at which an iteration is
     * solved from the normal equations: the Gram matrix's condition number is then at most about its square,
     * 1e8, and the solution is accurate to about 1e8 times machine precision, 2e-8 relative in the worst case and
     * far better in practice (the iteration's end point is fixed by the deviance test, not by one step's rounding).
     * Worse-conditioned designs take the QR path.
     */
    static final double MAX_CHOLESKY_RATIO = 1e4;

    /**
     * As {@link #solve}{@code (w, z, false)}, from the normal equations (XᵀW²X) b = XᵀW²z by Cholesky when they are
     * well conditioned: about a quarter of QR's arithmetic (q(q+1)/2 dot products of n instead of 2nq² for the
     * reflections) and no n × q copy; by QR otherwise. The fit's iterations use it; standard errors and a linear
     * model's one solve keep QR.
     *
     * @throws MathRuntimeException when the scaled design is exactly singular
     */
    double[] solveIteration(double[] w, double[] z) {
        double constant = constantSquare(w);
        if (constant > 0 && unweightedGram != null) {
            // Equal weights (the logit's first step: every row starts at μ = 1/4 or 3/4, weight 3/16): the normal
            // equations are the aliasing screen's X'X scaled, and only X'z needs a pass over the rows.
            int q = rank();
            double[][] g = new double[q][q];
            for (int a = 0; a < q; a++) {
                for (int b = 0; b < q; b++) {
                    g[a][b] = constant * unweightedGram[a][b];
                }
            }
            double[] rhs = new double[q];
            double s0 = 0;
            for (int i = 0; i < rows; i++) {
                s0 += z[i];
            }
            rhs[0] = constant * s0;
            for (int k = 0; k < kept.length; k++) {
                double[] x = columns[kept[k]];
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s += z[i] * x[i];
                }
                rhs[k + 1] = constant * s;
            }
            double[] solution = cholesky(g, rhs);
            if (solution != null) {
                return solution;
            }
        }
        WeightedGram normal = weightedGram(w, z);
        double[] solution = cholesky(normal.gram(), normal.rhs());
        return solution != null ? solution : solve(w, z, false).coefficients();
    }

    /**
     * The common value of {@code w²} when every row's is within {@link #EQUAL_WEIGHTS} of the first row's (a few
     * units of rounding apart), else 0.
     */
    private double constantSquare(double[] w) {
        double first = w[0] * w[0];
        if (!(first > 0) || !Double.isFinite(first)) {
            return 0;
        }
        for (int i = 1; i < rows; i++) {
            if (Math.abs(w[i] * w[i] - first) > EQUAL_WEIGHTS * first) {
                return 0;
            }
        }
        return first;
    }

    /** Relative spread of weights treated as equal: rounding only (the logit's start differs by 3 units, 1e-15). */
    private static final double EQUAL_WEIGHTS = 1e-12;

    /** Whether the last weighted pass used the weights {@code w²}. */
    private boolean sameWeights(double[] w) {
        if (gram == null) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            if (w[i] * w[i] != squaredWeights[i]) {
                return false;
            }
        }
        return true;
    }

    /** The normal equations with weights {@code w²}, kept for the fit's later passes. */
    private WeightedGram weightedGram(double[] w, double[] z) {
        if (gram == null) {
            double[][] fitted = new double[kept.length][];
            for (int k = 0; k < kept.length; k++) {
                fitted[k] = columns[kept[k]];
            }
            gram = new WeightedGram(fitted, rows);
            squaredWeights = new double[rows];
        }
        for (int i = 0; i < rows; i++) {
            squaredWeights[i] = w[i] * w[i];
        }
        gram.compute(squaredWeights, z);
        return gram;
    }

    /**
     * Largest 1-norm condition number of the Gram matrix scaled to a unit diagonal at which
     * {@link #inverseGramDiagonal(double[])} inverts it by Cholesky: the diagonal of the inverse is then accurate to
     * about q · 1e6 · ε, 1e-8 relative in the worst case and far better in practice. Cholesky's accuracy does not
     * depend on the columns' scales (van der Sluis 1969), so the scaled matrix's condition is the one that counts.
     */
    static final double MAX_SCALED_CONDITION = 1e6;

    /**
     * The diagonal of {@code (XᵀW²X)⁻¹}, from the normal equations by Cholesky when their scaled condition number is
     * at most {@link #MAX_SCALED_CONDITION} (one pass over the rows and q³ arithmetic), else by Householder QR as
     * {@link #solve}{@code (w, ·, true)} (2nq² arithmetic on an n × q copy).
     */
    double[] inverseGramDiagonal(double[] w) {
        // The last step's normal equations already hold XᵀW²X when its weights are these (the IRLS case).
        WeightedGram normal = sameWeights(w) ? gram : weightedGram(w, null);
        double[] diagonal = scaledCholeskyInverseDiagonal(normal.gram());
        return diagonal != null ? diagonal : solve(w, new double[rows], true).inverseGramDiagonal();
    }

    /**
     * diag(G⁻¹) through the scaled matrix {@code S = D^{-1/2} G D^{-1/2}} (D = diag(G)): {@code S⁻¹ = L⁻ᵀL⁻¹} from
     * its Cholesky factor; null when S is not positive definite or its 1-norm condition number exceeds
     * {@link #MAX_SCALED_CONDITION}.
     */
    static double[] scaledCholeskyInverseDiagonal(double[][] g) {
        int q = g.length;
        double[] scale = new double[q];
        for (int j = 0; j < q; j++) {
            if (!(g[j][j] > 0) || !Double.isFinite(g[j][j])) {
                return null;
            }
            scale[j] = 1.0 / Math.sqrt(g[j][j]);
        }
        double[][] s = new double[q][q];
        double norm = 0;
        for (int i = 0; i < q; i++) {
            double rowSum = 0;
            for (int j = 0; j < q; j++) {
                s[i][j] = g[i][j] * scale[i] * scale[j];
                rowSum += Math.abs(s[i][j]);
            }
            norm = Math.max(norm, rowSum);
        }
        double[][] l = new double[q][q];
        for (int j = 0; j < q; j++) {
            double d = s[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                return null;
            }
            double ljj = Math.sqrt(d);
            l[j][j] = ljj;
            for (int i = j + 1; i < q; i++) {
                double t = s[i][j];
                for (int k = 0; k < j; k++) {
                    t -= l[i][k] * l[j][k];
                }
                l[i][j] = t / ljj;
            }
        }
        // M = L⁻¹ (lower triangular), column by column.
        double[][] m = new double[q][q];
        for (int c = 0; c < q; c++) {
            m[c][c] = 1.0 / l[c][c];
            for (int i = c + 1; i < q; i++) {
                double t = 0;
                for (int k = c; k < i; k++) {
                    t -= l[i][k] * m[k][c];
                }
                m[i][c] = t / l[i][i];
            }
        }
        // S⁻¹ = MᵀM: its 1-norm for the condition number, its diagonal for the answer.
        double inverseNorm = 0;
        double[] diagonal = new double[q];
        for (int i = 0; i < q; i++) {
            double rowSum = 0;
            for (int j = 0; j < q; j++) {
                double t = 0;
                for (int k = Math.max(i, j); k < q; k++) {
                    t += m[k][i] * m[k][j];
                }
                rowSum += Math.abs(t);
                if (i == j) {
                    diagonal[i] = t * scale[i] * scale[i];
                }
            }
            inverseNorm = Math.max(inverseNorm, rowSum);
        }
        if (!(norm * inverseNorm <= MAX_SCALED_CONDITION)) {
            return null;
        }
        return diagonal;
    }

    /**
     * The solution of {@code g b = rhs} by Cholesky, or null when {@code g} is not positive definite or its factor's
     * diagonal spreads wider than {@link #MAX_CHOLESKY_RATIO}.
     */
    private static double[] cholesky(double[][] g, double[] rhs) {
        int q = rhs.length;
        double[][] l = new double[q][q];
        double largest = 0;
        double smallest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < q; j++) {
            double d = g[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                return null;
            }
            double ljj = Math.sqrt(d);
            l[j][j] = ljj;
            largest = Math.max(largest, ljj);
            smallest = Math.min(smallest, ljj);
            for (int i = j + 1; i < q; i++) {
                double s = g[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / ljj;
            }
        }
        if (largest / smallest > MAX_CHOLESKY_RATIO) {
            return null;
        }
        double[] y = new double[q];
        for (int i = 0; i < q; i++) {
            double s = rhs[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] b = new double[q];
        for (int i = q - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < q; k++) {
                s -= l[k][i] * b[k];
            }
            b[i] = s / l[i][i];
        }
        return b;
    }

    /**
     * Householder QR in place (Golub & Van Loan, Algorithm 5.2.1, as Hipparchus's {@code QRDecomposition} computes
     * it, in the same order of operations): afterwards {@code qrt[j][j..]} holds the j-th reflection vector and
     * {@code qrt[j][0..j-1]} the j-th column of R above its diagonal, which is returned.
     */
    static double[] householder(double[][] qrt) {
        int q = qrt.length;
        int n = q == 0 ? 0 : qrt[0].length;
        double[] rDiagonal = new double[q];
        for (int minor = 0; minor < Math.min(n, q); minor++) {
            double[] v = qrt[minor];
            double normSquared = 0;
            for (int row = minor; row < n; row++) {
                normSquared += v[row] * v[row];
            }
            double a = v[minor] > 0 ? -Math.sqrt(normSquared) : Math.sqrt(normSquared);
            rDiagonal[minor] = a;
            if (a != 0.0) {
                v[minor] -= a;
                for (int col = minor + 1; col < q; col++) {
                    double[] c = qrt[col];
                    double alpha = 0;
                    for (int row = minor; row < n; row++) {
                        alpha -= c[row] * v[row];
                    }
                    alpha /= a * v[minor];
                    for (int row = minor; row < n; row++) {
                        c[row] -= alpha * v[row];
                    }
                }
            }
        }
        return rDiagonal;
    }

    /**
     * The least-squares solution of the decomposed system for {@code y} (overwritten: Qᵀy, then the back
     * substitution), as Hipparchus's QR solver.
     *
     * @throws MathIllegalArgumentException when R has a zero on its diagonal (an exactly singular design)
     */
    static double[] leastSquares(double[][] qrt, double[] rDiagonal, double[] y) {
        int q = qrt.length;
        int n = y.length;
        for (double d : rDiagonal) {
            if (Math.abs(d) <= 0) {
                throw new MathIllegalArgumentException(LocalizedCoreFormats.SINGULAR_MATRIX);
            }
        }
        for (int minor = 0; minor < Math.min(n, q); minor++) {
            double[] v = qrt[minor];
            double dot = 0;
            for (int row = minor; row < n; row++) {
                dot += y[row] * v[row];
            }
            dot /= rDiagonal[minor] * v[minor];
            for (int row = minor; row < n; row++) {
                y[row] += dot * v[row];
            }
        }
        double[] x = new double[q];
        for (int row = q - 1; row >= 0; row--) {
            y[row] /= rDiagonal[row];
            double yRow = y[row];
            double[] rColumn = qrt[row];
            x[row] = yRow;
            for (int i = 0; i < row; i++) {
                y[i] -= yRow * rColumn[i];
            }
        }
        return x;
    }

    /** R as a matrix: the diagonal, and above it the columns kept in {@code qrt}. */
    private static RealMatrix upperTriangle(double[][] qrt, double[] rDiagonal) {
        int q = qrt.length;
        double[][] r = new double[q][q];
        for (int row = 0; row < q; row++) {
            r[row][row] = rDiagonal[row];
            for (int col = row + 1; col < q; col++) {
                r[row][col] = qrt[col][row];
            }
        }
        return new Array2DRowRealMatrix(r, false);
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
