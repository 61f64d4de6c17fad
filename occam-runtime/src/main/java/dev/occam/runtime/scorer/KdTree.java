package dev.occam.runtime.scorer;

import java.util.Arrays;

/**
 * An exact nearest-neighbour index over fixed points: a k-d tree (Friedman, Bentley &amp; Finkel, "An
 * Algorithm for Finding Best Matches in Logarithmic Expected Time", ACM TOMS 3(3), 1977), built once and
 * read-only afterwards, so one instance serves every thread.
 *
 * <p><b>Building.</b> A node with more than {@link #LEAF_SIZE} points is split on the dimension where its
 * points vary most (largest variance; ties go to the lower dimension), at the distinct value that halves
 * the node most evenly: points below the split value go left, the others right. Variance rather than the
 * classic range ({@code max − min}) because on standardised business data the widest range belongs to a
 * rare indicator or a single outlier, and splitting those first made searches on a 100,000-row credit-like
 * table touch five times as many nodes. Only distinct values are split between, so heavily tied columns
 * (one-hot indicators) still split, and a node whose points are all equal stays a leaf whatever its size.
 * Each node keeps its points' bounding box; points are copied in tree order, so a leaf is one block of
 * memory.
 *
 * <p><b>Searching.</b> Depth first, the child whose box is nearer first. A child is visited only when the
 * squared distance from the query to its bounding box is not above the current k-th best. That bound is
 * summed in the same dimension order as the distances themselves, and each of its terms is at most the
 * matching term of any point in the box even after rounding (subtraction and squaring round
 * monotonically), so it never exceeds a computed distance: the search returns exactly what a brute-force
 * scan returns. Neighbours are ranked by (squared distance, row), so ties go to the earlier training row,
 * again as a scan in row order would.
 *
 * <p>A missing query value ({@code NaN}) is left out of the distance: that dimension adds nothing, and adds
 * nothing to any bound either.
 *
 * <p>When it pays: pruning works when the data have few effective dimensions, as business tables with a
 * handful of informative columns do; on tens of independent uniform dimensions the tree would touch most
 * points and lose to a plain scan. So the index {@link #calibrate calibrates} itself when built and scans
 * every point instead when the tree would not save enough.
 */
final class KdTree {

    /** Points per leaf: fewer makes a deeper tree and more bound computations, more makes longer scans. */
    static final int LEAF_SIZE = 32;
    /** How many stored rows {@link #calibrate} searches for. */
    static final int CALIBRATION_QUERIES = 32;

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
    private int[] left;
    private int[] right;
    private int[] start;
    private int[] end;
    /** Each node's bounding box, low and high interleaved: {@code box[2 (node dims + d)]} and the next. */
    private double[] box;
    private int nodeCount;
    /** Whether searches go through the tree (true) or scan every point (see {@link #calibrate}). */
    private final boolean useTree;
    /** Points compared plus boxes bounded by an average search, as {@link #calibrate} counted it; rows for a scan. */
    private double searchWork;

    /**
     * @param points {@code rows × dims} finite values, row-major; copied
     * @param k the number of neighbours searches will ask for, to calibrate the choice of tree or scan
     */
    KdTree(double[] points, int rows, int dims, int k) {
        this(points, rows, dims, k, null);
    }

    /** As above, with the choice of tree or scan forced when {@code useTree} is not null (for tests). */
    KdTree(double[] points, int rows, int dims, int k, Boolean useTree) {
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
        left = new int[capacity];
        right = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
        box = new double[2 * capacity * dims];
        build(points, order, 0, rows, new double[rows]);
        trim();
        this.rowAt = order;
        this.positionOf = new int[rows];
        this.data = new double[points.length];
        for (int p = 0; p < rows; p++) {
            positionOf[order[p]] = p;
            System.arraycopy(points, order[p] * dims, data, p * dims, dims);
        }
        boolean treePays = calibrate(k);
        this.useTree = useTree != null ? useTree : treePays;
        if (!this.useTree) {
            searchWork = rows;
        }
    }

    /**
     * The points compared plus the boxes bounded by an average search for the k nearest, each at most {@link #dims}
     * subtractions and squares: counted on up to {@link #CALIBRATION_QUERIES} stored rows when the index was built
     * through the tree, or every row for a scan. The cost of a search, as a count, so a caller can tell before
     * scoring whether scoring many rows is affordable.
     */
    double searchWork() {
        return searchWork;
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

    /** Whether searches use the tree; false when calibration found a plain scan as good. */
    boolean usesTree() {
        return useTree;
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
        int n = to - from;
        int dim = -1;
        double largest = 0;
        for (int d = 0; d < dims; d++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int p = from; p < to; p++) {
                double v = points[order[p] * dims + d];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                sum += v;
            }
            box[2 * (node * dims + d)] = lo;
            box[2 * (node * dims + d) + 1] = hi;
            if (!(hi > lo) || n <= LEAF_SIZE) {
                continue;
            }
            double mean = sum / n;
            double squares = 0;
            for (int p = from; p < to; p++) {
                double diff = points[order[p] * dims + d] - mean;
                squares += diff * diff;
            }
            // Any dimension that can split beats none, even if its variance underflows or overflows.
            double variance = squares / n;
            double score = variance > 0 && variance < Double.POSITIVE_INFINITY ? variance
                    : variance == 0 ? Double.MIN_VALUE : Double.MAX_VALUE;
            if (score > largest) {
                largest = score;
                dim = d;
            }
        }
        if (dim < 0) {
            return node; // small enough, or all points equal
        }
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
            left = Arrays.copyOf(left, c);
            right = Arrays.copyOf(right, c);
            start = Arrays.copyOf(start, c);
            end = Arrays.copyOf(end, c);
            box = Arrays.copyOf(box, 2 * c * dims);
        }
        return nodeCount++;
    }

    private void trim() {
        splitDim = Arrays.copyOf(splitDim, nodeCount);
        left = Arrays.copyOf(left, nodeCount);
        right = Arrays.copyOf(right, nodeCount);
        start = Arrays.copyOf(start, nodeCount);
        end = Arrays.copyOf(end, nodeCount);
        box = Arrays.copyOf(box, 2 * nodeCount * dims);
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
        boolean complete = true;
        for (double v : query) {
            complete &= v == v;
        }
        if (useTree) {
            search(0, query, complete, best);
        } else {
            scan(0, rows, query, complete, best);
        }
        best.drainSorted(rowsOut, squaredOut);
    }

    /**
     * Whether the tree beats a plain scan on these points: the average work of a search for the {@code k}
     * nearest of up to {@link #CALIBRATION_QUERIES} stored rows, counted in points scanned plus boxes
     * bounded, must stay under a quarter of the rows. A bound or a pruned point costs about as much as a
     * scanned one, but the tree's branches and scattered reads cost several times a scan's straight loop, so
     * anything above a quarter saves little. Counting rather than timing keeps the choice a function of the
     * data; the neighbours found are the same either way.
     */
    private boolean calibrate(int k) {
        if (rows <= LEAF_SIZE || k < 1) {
            searchWork = rows;
            return false;
        }
        int queries = Math.min(CALIBRATION_QUERIES, rows);
        long work = 0;
        double[] q = new double[dims];
        for (int i = 0; i < queries; i++) {
            int row = (int) ((long) i * rows / queries);
            System.arraycopy(data, positionOf[row] * dims, q, 0, dims);
            Best best = new Best(Math.min(k, rows));
            search(0, q, true, best);
            work += best.work;
        }
        searchWork = (double) work / queries;
        return work / queries < rows / 4;
    }

    private void search(int node, double[] q, boolean complete, Best best) {
        if (splitDim[node] < 0) {
            scan(start[node], end[node], q, complete, best);
            return;
        }
        int l = left[node];
        int r = right[node];
        double worst = best.worst();
        double boundLeft = bound(l, q, worst);
        double boundRight = bound(r, q, worst);
        best.work += 2;
        boolean leftFirst = !(boundRight < boundLeft);
        int first = leftFirst ? l : r;
        int second = leftFirst ? r : l;
        if (!((leftFirst ? boundLeft : boundRight) > worst)) {
            search(first, q, complete, best);
        }
        if (!((leftFirst ? boundRight : boundLeft) > best.worst())) {
            search(second, q, complete, best);
        }
    }

    /**
     * A lower bound of the squared distance from q to any point in the node's box, or a number above
     * {@code limit} as soon as the bound passes it. Summed in dimension order like the distances, each term at
     * most the matching term of any point in the box even after rounding (subtraction and squaring round
     * monotonically), so it never exceeds a computed distance and the search stays exact.
     */
    private double bound(int node, double[] q, double limit) {
        int base = 2 * node * dims;
        double sum = 0;
        for (int d = 0; d < dims; d++) {
            double v = q[d];
            double lo = box[base + 2 * d];
            double hi = box[base + 2 * d + 1];
            double gap;
            if (v < lo) {
                gap = lo - v;
            } else if (v > hi) {
                gap = v - hi;
            } else {
                continue; // inside the box along d, or missing: adds nothing
            }
            sum += gap * gap;
            if (sum > limit) {
                break;
            }
        }
        return sum;
    }

    /** Offers the points at positions [from, to) to {@code best}, each distance summed in dimension order. */
    private void scan(int from, int to, double[] q, boolean complete, Best best) {
        best.work += to - from;
        for (int p = from; p < to; p++) {
            int base = p * dims;
            double worst = best.worst();
            double sum = 0;
            int d = 0;
            if (complete) {
                for (; d < dims; d++) {
                    double diff = q[d] - data[base + d];
                    sum += diff * diff;
                    if (sum > worst) {
                        break; // already farther than the k-th best: the rest can only add
                    }
                }
            } else {
                for (; d < dims; d++) {
                    double v = q[d];
                    if (v == v) { // a missing dimension adds nothing
                        double diff = v - data[base + d];
                        sum += diff * diff;
                        if (sum > worst) {
                            break;
                        }
                    }
                }
            }
            if (d == dims) {
                best.offer(sum, rowAt[p]);
            }
        }
    }

    /** The k best (squared distance, row) pairs seen so far: a max-heap on that order, worst on top. */
    private static final class Best {
        private final double[] distance;
        private final int[] row;
        private int size;
        /** Points scanned plus boxes bounded: the search's work, for {@link #calibrate}. */
        long work;

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
