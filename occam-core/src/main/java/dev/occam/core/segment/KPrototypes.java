package dev.occam.core.segment;

import dev.occam.runtime.segment.KPrototypesSegmenter;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-prototypes for mixed numeric and categorical rows (Huang 1998, "Extensions to the k-means algorithm for
 * clustering large data sets with categorical values", Data Min. Knowl. Discov. 2:283-304): the dissimilarity is the
 * squared Euclidean distance on the standardised numbers plus {@code gamma} per categorical mismatch; prototypes are
 * the numeric means and the categorical modes of their rows (ties: the lower level code). Iterates assignment and
 * update until no row moves. Seeded like k-means++ with this dissimilarity; the best of {@code restarts} starts (least
 * total dissimilarity) is kept.
 *
 * <p>{@code gamma} NaN means estimated as R's {@code clustMixType::lambdaest} does: the mean variance of the numeric
 * columns over the mean {@code 1 - sum_l p_l^2} (the chance two random rows differ) of the categorical ones, so both
 * kinds weigh alike on average.
 */
public final class KPrototypes {

    /**
     * @param k number of prototypes
     * @param restarts seeded starts
     * @param maxIterations most assignment/update rounds per start
     * @param gamma weight of a mismatch; NaN to estimate it
     * @param seed the random seed
     */
    public record Options(int k, int restarts, int maxIterations, double gamma, long seed) {
        public Options {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1: " + k);
            }
            if (restarts < 1 || maxIterations < 1) {
                throw new IllegalArgumentException("restarts and maxIterations must be >= 1: " + restarts + ", "
                        + maxIterations);
            }
            if (!Double.isNaN(gamma) && !(gamma >= 0 && Double.isFinite(gamma))) {
                throw new IllegalArgumentException("gamma must be NaN (estimate) or a finite number >= 0: " + gamma);
            }
        }

        public static Options of(int k, long seed) {
            return new Options(k, 10, 100, Double.NaN, seed);
        }
    }

    /** The fitted prototypes, each row's prototype and the total dissimilarity. */
    public record Result(KPrototypesSegmenter segmenter, int[] labels, double cost) {
    }

    private KPrototypes() {
    }

    /**
     * @param rows prepared rows: {@code numeric} numbers, then the level codes (-1 missing)
     * @param numeric how many leading values are numbers
     * @param levels the level count of each categorical column
     */
    public static Result fit(double[][] rows, int numeric, int[] levels, Options options) {
        int n = rows.length;
        if (n < options.k()) {
            throw new IllegalArgumentException("k-prototypes needs at least k = " + options.k() + " rows, got " + n);
        }
        double gamma = Double.isNaN(options.gamma()) ? estimateGamma(rows, numeric, levels) : options.gamma();
        SplittableRandom root = new SplittableRandom(options.seed());
        Result best = null;
        for (int r = 0; r < options.restarts(); r++) {
            Result result = fitOnce(rows, numeric, levels, options.k(), options.maxIterations(), gamma, root.split());
            if (best == null || result.cost() < best.cost() - 1e-12 * Math.abs(best.cost())) {
                best = result;
            }
        }
        return best;
    }

    /** clustMixType's lambdaest: mean numeric variance over mean categorical concentration {@code 1 - sum p^2}. */
    static double estimateGamma(double[][] rows, int numeric, int[] levels) {
        int n = rows.length;
        if (numeric == 0 || levels.length == 0) {
            return 1.0;
        }
        double variance = 0;
        for (int j = 0; j < numeric; j++) {
            double m = 0;
            for (double[] r : rows) {
                m += r[j] / n;
            }
            double ss = 0;
            for (double[] r : rows) {
                ss += (r[j] - m) * (r[j] - m);
            }
            variance += ss / (n - 1) / numeric;
        }
        double concentration = 0;
        for (int c = 0; c < levels.length; c++) {
            double[] counts = new double[levels[c]];
            int present = 0;
            for (double[] r : rows) {
                int code = (int) r[numeric + c];
                if (code >= 0) {
                    counts[code]++;
                    present++;
                }
            }
            double s = 0;
            for (double v : counts) {
                s += present == 0 ? 0 : (v / present) * (v / present);
            }
            concentration += (1 - s) / levels.length;
        }
        return concentration > 0 ? variance / concentration : 1.0;
    }

    private static Result fitOnce(double[][] rows, int numeric, int[] levels, int k, int maxIterations, double gamma,
            SplittableRandom random) {
        int n = rows.length;
        int cats = levels.length;
        double[][] centres = new double[k][numeric];
        int[][] modes = new int[k][cats];
        // Seeding: k-means++ with the mixed dissimilarity.
        int first = random.nextInt(n);
        setPrototype(rows[first], numeric, centres[0], modes[0]);
        double[] d = new double[n];
        KPrototypesSegmenter partial = segmenter(centres, modes, gamma, 1);
        for (int i = 0; i < n; i++) {
            d[i] = partial.dissimilarity(rows[i], 0);
        }
        for (int c = 1; c < k; c++) {
            double total = Arrays.stream(d).sum();
            int pick = n - 1;
            if (total <= 0) {
                pick = random.nextInt(n);
            } else {
                double u = random.nextDouble() * total;
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += d[i];
                    if (acc > u) {
                        pick = i;
                        break;
                    }
                }
            }
            setPrototype(rows[pick], numeric, centres[c], modes[c]);
            partial = segmenter(centres, modes, gamma, c + 1);
            for (int i = 0; i < n; i++) {
                d[i] = Math.min(d[i], partial.dissimilarity(rows[i], c));
            }
        }
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        KPrototypesSegmenter current = segmenter(centres, modes, gamma, k);
        for (int it = 0; it < maxIterations; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int c = current.assign(rows[i]).segment();
                if (c != labels[i]) {
                    labels[i] = c;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            update(rows, numeric, levels, labels, centres, modes);
            current = segmenter(centres, modes, gamma, k);
        }
        double cost = 0;
        for (int i = 0; i < n; i++) {
            cost += current.dissimilarity(rows[i], labels[i]);
        }
        return new Result(current, labels, cost);
    }

    private static void update(double[][] rows, int numeric, int[] levels, int[] labels, double[][] centres, int[][] modes) {
        int k = centres.length;
        int[] sizes = new int[k];
        double[][] sums = new double[k][numeric];
        int[][][] counts = new int[k][levels.length][];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < levels.length; j++) {
                counts[c][j] = new int[levels[j]];
            }
        }
        for (int i = 0; i < rows.length; i++) {
            int c = labels[i];
            sizes[c]++;
            for (int j = 0; j < numeric; j++) {
                sums[c][j] += rows[i][j];
            }
            for (int j = 0; j < levels.length; j++) {
                int code = (int) rows[i][numeric + j];
                if (code >= 0) {
                    counts[c][j][code]++;
                }
            }
        }
        for (int c = 0; c < k; c++) {
            if (sizes[c] == 0) {
                continue; // an empty prototype keeps its place; rows may return to it
            }
            for (int j = 0; j < numeric; j++) {
                centres[c][j] = sums[c][j] / sizes[c];
            }
            for (int j = 0; j < levels.length; j++) {
                int best = 0;
                for (int l = 1; l < levels[j]; l++) {
                    if (counts[c][j][l] > counts[c][j][best]) {
                        best = l;
                    }
                }
                modes[c][j] = best;
            }
        }
    }

    private static void setPrototype(double[] row, int numeric, double[] centre, int[] mode) {
        System.arraycopy(row, 0, centre, 0, numeric);
        for (int j = 0; j < mode.length; j++) {
            mode[j] = Math.max(0, (int) row[numeric + j]);
        }
    }

    private static KPrototypesSegmenter segmenter(double[][] centres, int[][] modes, double gamma, int count) {
        return new KPrototypesSegmenter(Arrays.copyOf(centres, count), Arrays.copyOf(modes, count), gamma);
    }
}
