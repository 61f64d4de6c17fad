package dev.occam.core.learn.linear;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The weighted normal equations of a design with an intercept, {@code G = XᵀVX} and {@code r = XᵀVz} with
 * {@code V = diag(v)}, in one pass over the rows: the work of every Newton (IRLS) step of a generalised linear
 * model and the whole of a least-squares solve by the normal equations.
 *
 * <p><b>How.</b> The rows are cut into chunks of a size that depends only on the design's shape, never on the
 * threads (a multiple of {@link #TILE} rows). Four rows at a time are read from the columns into four small arrays
 * and added to the chunk's partial sums as rank-one updates:
 * {@code G[a][b..] += Σₖ vₖ xₖ[a] · xₖ[b..]}, whose inner loop over b the JIT compiles to vector instructions.
 * Tried and slower on one thread (a scratch kernel benchmark, 300,000 × 50, CPU time): a register-blocked kernel
 * (a 4 × 4 or 4 × 8 block of G in scalar locals over a column-major tile, weights premultiplied: 100–190 ms a
 * pass against 63–95 ms, the JIT does not vectorise its sums over rows), eight rows per update (130 ms), and
 * two rows of G per loop over b (faster inlined in a loop, 70 ms, but twice as slow as a method of its own, as
 * here: the JIT no longer vectorises two stores that may alias). Copying each tile of 256 rows row-major first and
 * then each row out of it (strided stores, then a second copy) took a quarter more CPU than reading the four rows
 * straight from the columns (1,000,000 × 50, both ways alternately, the same sums bit for bit).
 * The design is read once per pass, at memory speed, where a dot product per pair of columns reads it q/2 times.
 * The chunks run on the common fork-join pool when the design is large enough to gain from it (the calling thread
 * takes part), and their partial sums are added in chunk order afterwards: the result is the same, bit for bit,
 * whatever the number of threads, and differs from a row-order sum only by rounding.
 *
 * <p>Only the upper triangle ({@code b >= a}) is accumulated; {@link #gram()} returns the full symmetric matrix.
 * Not thread-safe: one instance per fit (it keeps its partial sums between passes so that a pass allocates
 * nothing per row).
 */
final class WeightedGram {

    /** The unit of a chunk's rows. */
    static final int TILE = 256;
    /** Rows per chunk at least: small enough to spread a 100,000-row design over several cores. */
    private static final int MIN_CHUNK_ROWS = 8 * TILE;
    /** The partial sums of all chunks together hold at most this many numbers (32 MB). */
    private static final long MAX_PARTIAL_VALUES = 1L << 22;
    /** Designs with fewer values (rows × columns) than this run in the calling thread alone. */
    private static final long PARALLEL_MIN_VALUES = 1L << 18;

    private final double[][] columns;
    private final int rows;
    private final int q;
    private final int chunkRows;
    private final int chunks;
    private final double[][][] partialGram;
    private final double[][] partialRhs;
    private final double[] gram;
    private final double[] rhs;

    /**
     * @param columns the design's columns after the intercept (shared, read only), each {@code rows} long
     */
    WeightedGram(double[][] columns, int rows) {
        this.columns = columns;
        this.rows = rows;
        this.q = columns.length + 1;
        long qq = (long) q * q;
        // Enough rows per chunk that the partial sums stay bounded however wide the design.
        long byMemory = (rows * qq + MAX_PARTIAL_VALUES - 1) / MAX_PARTIAL_VALUES;
        long size = Math.max(MIN_CHUNK_ROWS, byMemory);
        size = (size + TILE - 1) / TILE * TILE;
        this.chunkRows = (int) Math.min(size, Math.max(rows, 1));
        this.chunks = Math.max(1, (rows + chunkRows - 1) / chunkRows);
        this.partialGram = new double[chunks][q][q];
        this.partialRhs = new double[chunks][q];
        this.gram = new double[q * q];
        this.rhs = new double[q];
    }

    int size() {
        return q;
    }

    /**
     * Computes {@code G = XᵀVX} and {@code r = XᵀVz}, V the diagonal of {@code v}.
     *
     * @param z the response of the normal equations, or null when only G is wanted
     */
    void compute(double[] v, double[] z) {
        if (chunks > 1 && (long) rows * q >= PARALLEL_MIN_VALUES) {
            IntStream.range(0, chunks).parallel().forEach(c -> chunk(c, v, z));
        } else {
            for (int c = 0; c < chunks; c++) {
                chunk(c, v, z);
            }
        }
        // In chunk order, whichever thread computed which chunk.
        Arrays.fill(gram, 0.0);
        Arrays.fill(rhs, 0.0);
        for (int c = 0; c < chunks; c++) {
            double[][] g = partialGram[c];
            for (int a = 0; a < q; a++) {
                double[] ga = g[a];
                for (int b = a; b < q; b++) {
                    gram[a * q + b] += ga[b];
                }
            }
            double[] r = partialRhs[c];
            for (int a = 0; a < q; a++) {
                rhs[a] += r[a];
            }
        }
    }

    /** The last {@link #compute}'s G, full and symmetric, as a new q × q array. */
    double[][] gram() {
        double[][] out = new double[q][q];
        for (int a = 0; a < q; a++) {
            for (int b = a; b < q; b++) {
                out[a][b] = gram[a * q + b];
                out[b][a] = gram[a * q + b];
            }
        }
        return out;
    }

    /** The last {@link #compute}'s r, as a new array. */
    double[] rhs() {
        return rhs.clone();
    }

    /** One chunk's rows, four at a time, into its own partial sums. */
    private void chunk(int c, double[] v, double[] z) {
        double[][] g = partialGram[c];
        double[] r = partialRhs[c];
        for (double[] ga : g) {
            Arrays.fill(ga, 0.0);
        }
        Arrays.fill(r, 0.0);
        int from = c * chunkRows;
        int to = Math.min(rows, from + chunkRows);
        double[] x0 = new double[q];
        double[] x1 = new double[q];
        double[] x2 = new double[q];
        double[] x3 = new double[q];
        x0[0] = 1.0;
        x1[0] = 1.0;
        x2[0] = 1.0;
        x3[0] = 1.0;
        // Four rows at a time, each in its own array (with one array at four offsets the JIT does not vectorise),
        // read straight from the columns: four neighbouring values of each column share a cache line.
        int i = from;
        for (; i + 3 < to; i += 4) {
            for (int j = 1; j < q; j++) {
                double[] column = columns[j - 1];
                x0[j] = column[i];
                x1[j] = column[i + 1];
                x2[j] = column[i + 2];
                x3[j] = column[i + 3];
            }
            fourRows(x0, x1, x2, x3, i, v, z, g, r);
        }
        for (; i < to; i++) {
            for (int j = 1; j < q; j++) {
                x0[j] = columns[j - 1][i];
            }
            oneRow(x0, i, v, z, g, r);
        }
    }

    /** Rank-one updates of four consecutive rows (rows row..row+3, values x0..x3). */
    private void fourRows(double[] x0, double[] x1, double[] x2, double[] x3, int row, double[] v, double[] z,
            double[][] g, double[] r) {
        double v0 = v[row];
        double v1 = v[row + 1];
        double v2 = v[row + 2];
        double v3 = v[row + 3];
        for (int a = 0; a < q; a++) {
            double c0 = v0 * x0[a];
            double c1 = v1 * x1[a];
            double c2 = v2 * x2[a];
            double c3 = v3 * x3[a];
            double[] ga = g[a];
            for (int b = a; b < q; b++) {
                ga[b] += c0 * x0[b] + c1 * x1[b] + c2 * x2[b] + c3 * x3[b];
            }
        }
        if (z != null) {
            double u0 = v0 * z[row];
            double u1 = v1 * z[row + 1];
            double u2 = v2 * z[row + 2];
            double u3 = v3 * z[row + 3];
            for (int a = 0; a < q; a++) {
                r[a] += u0 * x0[a] + u1 * x1[a] + u2 * x2[a] + u3 * x3[a];
            }
        }
    }

    private void oneRow(double[] x0, int row, double[] v, double[] z, double[][] g, double[] r) {
        double v0 = v[row];
        for (int a = 0; a < q; a++) {
            double c0 = v0 * x0[a];
            double[] ga = g[a];
            for (int b = a; b < q; b++) {
                ga[b] += c0 * x0[b];
            }
        }
        if (z != null) {
            double u0 = v0 * z[row];
            for (int a = 0; a < q; a++) {
                r[a] += u0 * x0[a];
            }
        }
    }
}
