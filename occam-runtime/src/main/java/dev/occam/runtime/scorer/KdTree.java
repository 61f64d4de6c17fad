package dev.occam.runtime.scorer;

import java.util.Arrays;

/**
 * An exact nearest-neighbour index over fixed points: a k-d tree (Friedman, Bentley &amp; Finkel, "An
 * Algorithm for Finding Best Matches in Logarithmic Expected Time", ACM TOMS 3(3), 1977), built once and
 * read-only afterwards, so one instance serves every thread.
 *
 * <p><b>Building.</b> A node with more than {@link #LEAF_SIZE} points is split on the dimension where its
 * points spread most ({@code max − min}; ties go to the lower dimension), at the distinct value that
 * halves the node most evenly: points below the split value go left, the others right. Only distinct
 * values are split between, so heavily tied columns (one-hot indicators) still split, and a node whose
 * points are all equal stays a leaf whatever its size. Points are copied in tree order, so a leaf is a
 * contiguous block of memory.
 *
 * <p><b>Searching.</b> Depth first, nearer child first. The far child is visited only when a lower bound of
 * its squared distance, the sum over dimensions of the squared gap between the query and the child's cell
 * (Arya &amp; Mount's incremental distance, "Algorithms for fast vector quantization", DCC 1993), is not
 * above the current k-th best. The bound is summed in the same dimension order as the distances
 * themselves, and each of its terms is at most the matching term of any point in the cell even after
 * rounding (rounding is monotone), so the bound never exceeds a computed distance: the search returns
 * exactly what a brute-force scan returns. Neighbours are ranked by (squared distance, row), so ties go
 * to the earlier training row, again as a scan in row order would.
 *
 * <p>A missing query value ({@code NaN}) is left out of the distance: that dimension adds nothing, and both
 * children of a split on it are searched.
 *
 * <p>When it pays: the pruning works when the intrinsic dimension of the data is small, as on business
 * tables with a few informative columns; on tens of independent uniform dimensions it degrades towards
 * the scan it replaces, never below it by more than the cost of visiting the nodes.
 */
final class KdTree {

    /** Points per leaf: fewer makes a deeper tree and more bound computations, more makes longer scans. */
    static final int LEAF_SIZE = 16;

    private final int rows;
    private final int dims;
    /** The points in tree order, row-major. */
    private final double[] data;
    /** The training row of each position of {@link #data}. */
    private final int[] rowAt;
    /** The position of each training row in {@link #data}. */
    private final int[] positionOf;

    // Nodes, index 0 is the root. A leaf has splitDim == -1 and covers positions [start, end).
    private int[] splitDim;
    private double[] splitValue;
    private int[] left;
    private int[] right;
    private int[] start;
    private int[] end;
    private int nodeCount;

    /**
     * @param points {@code rows × dims} finite values, row-major; copied
     */
    KdTree(double[] points, int rows, int dims) {
        if ((long) rows * dims != points.length) {
            throw new IllegalArgumentException("expected " + rows + " x " + dims + " values, got " + points.length);
        }
        this.rows = rows;
        this.dims = dims;
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        int capacity = Math.max(1, 2 * (rows / LEAF_SIZE + 1));
        splitDim = new int[capacity];
        splitValue = new double[capacity];
        left = new int[capacity];
        right = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
        build(points, order, 0, rows, new double[rows]);
        trim();
        this.rowAt = order;
        this.positionOf = new int[rows];
        this.data = new double[points.length];
        for (int p = 0; p < rows; p++) {
            positionOf[order[p]] = p;
            System.arraycopy(points, order[p] * dims, data, p * dims, dims);
        }
    }

    int rows() {
        return rows;
    }

    int dims() {
        return dims;
    }

    int nodeCount() {
        return nodeCount;
    }

    /** The value of training row {@code row} in dimension {@code dim}. */
    double value(int row, int dim) {
        return data[positionOf[row] * dims + dim];
    }

    /** Builds the subtree over {@code order[from, to)}; returns its node index. */
    private int build(double[] points, int[] order, int from, int to, double[] scratch) {
        int node = newNode();
        start[node] = from;
        end[node] = to;
        splitDim[node] = -1;
        if (to - from <= LEAF_SIZE) {
            return node;
        }
        int dim = -1;
        double widest = 0;
        for (int d = 0; d < dims; d++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int p = from; p < to; p++) {
                double v = points[order[p] * dims + d];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (hi - lo > widest) {
                widest = hi - lo;
                dim = d;
            }
        }
        if (dim < 0) {
            return node; // all points equal: nothing to split
        }
        int n = to - from;
        for (int p = from; p < to; p++) {
            scratch[p - from] = points[order[p] * dims + dim];
        }
        Arrays.sort(scratch, 0, n);
        double split = balancedSplit(scratch, n);
        // Stable partition: below the split to the front, the rest after, each in its former order.
        int[] rest = new int[n];
        int below = from;
        int above = 0;
        for (int p = from; p < to; p++) {
            int r = order[p];
            if (points[r * dims + dim] < split) {
                order[below++] = r;
            } else {
                rest[above++] = r;
            }
        }
        System.arraycopy(rest, 0, order, below, above);
        splitDim[node] = dim;
        splitValue[node] = split;
        int l = build(points, order, from, below, scratch);
        int r = build(points, order, below, to, scratch);
        left[node] = l;
        right[node] = r;
        return node;
    }

    /**
     * Of the two distinct values around the median, the one whose "below it goes left" rule leaves the
     * sides closest to equal; both sides are never empty because the values are not all equal.
     */
    private static double balancedSplit(double[] sorted, int n) {
        int mid = n / 2;
        double median = sorted[mid];
        int firstOfMedian = lowerBound(sorted, n, median);
        int afterMedian = upperBound(sorted, n, median);
        // Candidate 1: split at the median value (left = values < median, firstOfMedian of them).
        // Candidate 2: split at the next distinct value (left = values <= median, afterMedian of them).
        boolean canLower = firstOfMedian > 0;
        boolean canUpper = afterMedian < n;
        if (canLower && canUpper) {
            int lowerImbalance = Math.abs(n - 2 * firstOfMedian);
            int upperImbalance = Math.abs(n - 2 * afterMedian);
            return lowerImbalance <= upperImbalance ? median : sorted[afterMedian];
        }
        return canLower ? median : sorted[afterMedian];
    }

    private static int lowerBound(double[] sorted, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (sorted[m] < v) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    private static int upperBound(double[] sorted, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int m = (lo + hi) >>> 1;
            if (sorted[m] <= v) {
                lo = m + 1;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    private int newNode() {
        if (nodeCount == splitDim.length) {
            int c = splitDim.length * 2;
            splitDim = Arrays.copyOf(splitDim, c);
            splitValue = Arrays.copyOf(splitValue, c);
            left = Arrays.copyOf(left, c);
            right = Arrays.copyOf(right, c);
            start = Arrays.copyOf(start, c);
            end = Arrays.copyOf(end, c);
        }
        return nodeCount++;
    }

    private void trim() {
        splitDim = Arrays.copyOf(splitDim, nodeCount);
        splitValue = Arrays.copyOf(splitValue, nodeCount);
        left = Arrays.copyOf(left, nodeCount);
        right = Arrays.copyOf(right, nodeCount);
        start = Arrays.copyOf(start, nodeCount);
        end = Arrays.copyOf(end, nodeCount);
    }

    /**
     * The {@code k} nearest training rows of {@code query}, nearest first, ties in order of row.
     *
     * @param rowsOut receives the rows; its length is k (at most {@link #rows()})
     * @param squaredOut receives their squared Euclidean distances
     */
    void nearest(double[] query, int[] rowsOut, double[] squaredOut) {
        int k = rowsOut.length;
        if (k > rows || squaredOut.length != k || query.length != dims) {
            throw new IllegalArgumentException("cannot search " + k + " of " + rows + " rows with a query of "
                    + query.length + " values in " + dims + " dimensions");
        }
        if (k == 0) {
            return;
        }
        Best best = new Best(k);
        search(0, query, new double[dims], best);
        best.drainSorted(rowsOut, squaredOut);
    }

    private void search(int node, double[] q, double[] gap, Best best) {
        int dim = splitDim[node];
        if (dim < 0) {
            scan(node, q, best);
            return;
        }
        double s = splitValue[node];
        double v = q[dim];
        int near;
        int far;
        double farGap;
        if (Double.isNaN(v)) {
            near = left[node];
            far = right[node];
            farGap = 0;
        } else if (v < s) {
            near = left[node];
            far = right[node];
            farGap = s - v;
        } else {
            near = right[node];
            far = left[node];
            farGap = v - s;
        }
        search(near, q, gap, best);
        double before = gap[dim];
        gap[dim] = farGap;
        // Summed in dimension order, like the distances, so that it stays a true lower bound after rounding.
        double bound = 0;
        for (int d = 0; d < dims; d++) {
            bound += gap[d] * gap[d];
        }
        if (!(bound > best.worst())) {
            search(far, q, gap, best);
        }
        gap[dim] = before;
    }

    private void scan(int node, double[] q, Best best) {
        for (int p = start[node]; p < end[node]; p++) {
            int base = p * dims;
            double worst = best.worst();
            double sum = 0;
            boolean out = false;
            for (int d = 0; d < dims; d++) {
                double v = q[d];
                if (v != v) {
                    continue; // missing: this dimension adds nothing
                }
                double diff = v - data[base + d];
                sum += diff * diff;
                if (sum > worst) {
                    out = true; // already farther than the k-th best: the rest can only add
                    break;
                }
            }
            if (!out) {
                best.offer(sum, rowAt[p]);
            }
        }
    }

    /** The k best (squared distance, row) pairs seen so far: a max-heap on that order, worst on top. */
    private static final class Best {
        private final double[] distance;
        private final int[] row;
        private int size;

        Best(int k) {
            distance = new double[k];
            row = new int[k];
        }

        /** The k-th best distance, or infinity while fewer than k are held. */
        double worst() {
            return size < distance.length ? Double.POSITIVE_INFINITY : distance[0];
        }

        void offer(double d, int r) {
            if (size < distance.length) {
                int i = size++;
                while (i > 0) {
                    int parent = (i - 1) >>> 1;
                    if (!after(d, r, distance[parent], row[parent])) {
                        break;
                    }
                    distance[i] = distance[parent];
                    row[i] = row[parent];
                    i = parent;
                }
                distance[i] = d;
                row[i] = r;
            } else if (after(distance[0], row[0], d, r)) {
                siftDown(d, r, size);
            }
        }

        /** Puts (d, r) at the root of the first {@code n} entries and restores the heap. */
        private void siftDown(double d, int r, int n) {
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= n) {
                    break;
                }
                if (c + 1 < n && after(distance[c + 1], row[c + 1], distance[c], row[c])) {
                    c++;
                }
                if (!after(distance[c], row[c], d, r)) {
                    break;
                }
                distance[i] = distance[c];
                row[i] = row[c];
                i = c;
            }
            distance[i] = d;
            row[i] = r;
        }

        /** Whether (d1, r1) ranks after (d2, r2): farther, or as far and a later row. */
        private static boolean after(double d1, int r1, double d2, int r2) {
            return d1 > d2 || (d1 == d2 && r1 > r2);
        }

        /** Empties the heap into the arrays, best first. */
        void drainSorted(int[] rowsOut, double[] squaredOut) {
            for (int n = size; n > 0; n--) {
                rowsOut[n - 1] = row[0];
                squaredOut[n - 1] = distance[0];
                siftDown(distance[n - 1], row[n - 1], n - 1);
            }
            size = 0;
        }
    }
}
