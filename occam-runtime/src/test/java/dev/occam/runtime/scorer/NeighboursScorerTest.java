package dev.occam.runtime.scorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.NeighboursScorer.Weighting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NeighboursScorerTest {

    private static Schema schema(int dims) {
        List<Feature> f = new ArrayList<>();
        for (int d = 0; d < dims; d++) {
            f.add(Feature.numeric("x" + d));
        }
        return new Schema(f);
    }

    /** Every row by a full scan, nearest first: (squared distance summed in dimension order, row), NaN dimensions skipped. */
    private static int[] scanOrder(double[] points, int rows, int dims, double[] q, double[] squaredOut) {
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int d = 0; d < dims; d++) {
                if (!Double.isNaN(q[d])) {
                    double diff = q[d] - points[i * dims + d];
                    s += diff * diff;
                }
            }
            squaredOut[i] = s;
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> squaredOut[i]).thenComparingInt(i -> i));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** The scorer's documented formula over the first k rows of a scan order. */
    private static double scanScore(int[] order, double[] squared, double[] targets, int k, Weighting w) {
        int m = Math.min(k, order.length);
        if (w == Weighting.DISTANCE) {
            if (squared[order[0]] == 0) {
                double sum = 0;
                int c = 0;
                while (c < m && squared[order[c]] == 0) {
                    sum += targets[order[c++]];
                }
                return sum / c;
            }
            double num = 0;
            double den = 0;
            for (int i = 0; i < m; i++) {
                double wi = 1.0 / Math.sqrt(squared[order[i]]);
                num += wi * targets[order[i]];
                den += wi;
            }
            return num / den;
        }
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += targets[order[i]];
        }
        return sum / m;
    }

    /** Random points: on a coarse grid (many exact ties), continuous, or one-hot-like (mostly zeros). */
    private static double[] randomPoints(SplittableRandom r, int rows, int dims, String kind) {
        double[] p = new double[rows * dims];
        for (int i = 0; i < p.length; i++) {
            p[i] = switch (kind) {
                case "grid" -> r.nextInt(4);
                case "onehot" -> r.nextInt(10) == 0 ? 3.0 : -0.33;
                default -> r.nextGaussian() * (1 + i % dims);
            };
        }
        return p;
    }

    @Test
    void neighbours_randomDataWithTies_equalBruteForce() {
        SplittableRandom r = new SplittableRandom(20240501);
        int[] ks = {1, 3, 15, 40};
        int cases = 0;
        for (String kind : List.of("grid", "continuous", "onehot")) {
            for (int rows : new int[] {1, 7, 16, 17, 90, 1500}) {
                for (int dims : new int[] {1, 2, 5, 12}) {
                    double[] points = randomPoints(r, rows, dims, kind);
                    double[] targets = new double[rows];
                    for (int i = 0; i < rows; i++) {
                        targets[i] = r.nextInt(2);
                    }
                    NeighboursScorer[][] scorers = new NeighboursScorer[ks.length][2];
                    for (int a = 0; a < ks.length; a++) {
                        for (Weighting w : Weighting.values()) {
                            scorers[a][w.ordinal()] = new NeighboursScorer(schema(dims), points, targets, ks[a], w);
                        }
                    }
                    KdTree tree = new KdTree(points, rows, dims, 15, true);
                    KdTree scan = new KdTree(points, rows, dims, 15, false);
                    double[] squared = new double[rows];
                    for (int t = 0; t < 40; t++) {
                        double[] q = query(r, points, rows, dims, kind, t);
                        int[] order = scanOrder(points, rows, dims, q, squared);
                        for (int k : ks) {
                            int m = Math.min(k, rows);
                            for (KdTree index : List.of(tree, scan)) {
                                int[] found = new int[m];
                                double[] distances = new double[m];
                                index.nearest(q, found, distances);
                                assertArrayEquals(Arrays.copyOf(order, m), found, kind + " rows " + rows + " dims "
                                        + dims + " k " + k + " tree " + index.usesTree() + " query " + Arrays.toString(q));
                                for (int i = 0; i < m; i++) {
                                    assertEquals(squared[order[i]], distances[i], 0.0);
                                }
                            }
                        }
                        for (int a = 0; a < ks.length; a++) {
                            for (Weighting w : Weighting.values()) {
                                NeighboursScorer s = scorers[a][w.ordinal()];
                                assertArrayEquals(Arrays.copyOf(order, Math.min(ks[a], rows)), s.neighbours(q),
                                        kind + " rows " + rows + " dims " + dims + " k " + ks[a] + " query "
                                                + Arrays.toString(q));
                                assertEquals(Double.doubleToRawLongBits(scanScore(order, squared, targets, ks[a], w)),
                                        Double.doubleToRawLongBits(s.score(q)));
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(cases > 20_000);
    }

    @Test
    void calibrate_fewEffectiveDimensions_searchesTheTree_manyUniformDimensions_scans() {
        SplittableRandom r = new SplittableRandom(11);
        double[] low = randomPoints(r, 5000, 3, "continuous");
        assertTrue(new KdTree(low, 5000, 3, 15).usesTree());
        double[] high = new double[3000 * 30];
        for (int i = 0; i < high.length; i++) {
            high[i] = r.nextDouble();
        }
        assertEquals(false, new KdTree(high, 3000, 30, 15).usesTree());
    }

    @Test
    void searchWork_treeThatPrunes_fewRows_scan_everyRow() {
        SplittableRandom r = new SplittableRandom(11);
        double[] low = randomPoints(r, 5000, 3, "continuous");
        KdTree tree = new KdTree(low, 5000, 3, 15);
        // 15 neighbours in 3 dimensions: a few leaves of 32 points and their boxes, far below the 5,000 rows.
        assertTrue(tree.searchWork() > 15 && tree.searchWork() < 500, "work " + tree.searchWork());
        assertEquals(5000.0, new KdTree(low, 5000, 3, 15, false).searchWork(), 0.0);
        double[] high = new double[3000 * 30];
        for (int i = 0; i < high.length; i++) {
            high[i] = r.nextDouble();
        }
        assertEquals(3000.0, new KdTree(high, 3000, 30, 15).searchWork(), 0.0);
        assertEquals(3.0, new KdTree(new double[] {1, 2, 3}, 3, 1, 2).searchWork(), 0.0);
    }

    /** A training point itself, a point on the grid, a random point, or one with missing coordinates. */
    private static double[] query(SplittableRandom r, double[] points, int rows, int dims, String kind, int t) {
        double[] q = new double[dims];
        if (t % 4 == 0) {
            System.arraycopy(points, r.nextInt(rows) * dims, q, 0, dims);
            return q;
        }
        for (int d = 0; d < dims; d++) {
            q[d] = kind.equals("continuous") ? r.nextGaussian() * 2 : r.nextInt(5) - 0.5 * (t % 2);
        }
        if (t % 4 == 3) {
            q[r.nextInt(dims)] = Double.NaN;
        }
        return q;
    }

    @Test
    void neighbours_equidistantRows_earlierRowFirst() {
        // Rows 0..3 lie at distance 1 from the origin; row 4 at 0.5.
        double[] points = {1, 0, 0, 1, -1, 0, 0, -1, 0.5, 0};
        NeighboursScorer s = new NeighboursScorer(schema(2), points, new double[] {1, 0, 0, 0, 1}, 3, Weighting.UNIFORM);
        assertArrayEquals(new int[] {4, 0, 1}, s.neighbours(new double[] {0, 0}));
        assertEquals(2.0 / 3, s.score(new double[] {0, 0}), 0.0);
    }

    @Test
    void score_regressionTargets_meanOfNeighbours() {
        double[] points = {0, 1, 2, 10, 11, 12};
        double[] targets = {1.5, 2.5, 3.5, 100, 200, 300};
        NeighboursScorer s = new NeighboursScorer(schema(1), points, targets, 3, Weighting.UNIFORM);
        assertEquals(2.5, s.score(new double[] {0.9}), 0.0);
        assertEquals(200.0, s.score(new double[] {11.2}), 0.0);
    }

    @Test
    void score_distanceWeighting_inverseDistanceAndExactMatchesAlone() {
        double[] points = {0, 1, 3};
        double[] targets = {0, 1, 1};
        NeighboursScorer s = new NeighboursScorer(schema(1), points, targets, 2, Weighting.DISTANCE);
        // At 0.75: distances 0.75 (target 0) and 0.25 (target 1); weights 4/3 and 4, so 4 / (16/3) = 0.75.
        assertEquals(0.75, s.score(new double[] {0.75}), 1e-15);
        // At 1: row 1 matches exactly and decides alone.
        assertEquals(1.0, s.score(new double[] {1}), 0.0);
    }

    @Test
    void score_kAboveRows_usesEveryRow() {
        NeighboursScorer s = new NeighboursScorer(schema(1), new double[] {0, 5}, new double[] {0, 1}, 15,
                Weighting.UNIFORM);
        assertEquals(0.5, s.score(new double[] {100}), 0.0);
        assertEquals(2, s.neighbours(new double[] {1}).length);
    }

    @Test
    void score_extremeQuery_finite() {
        NeighboursScorer s = new NeighboursScorer(schema(2), new double[] {0, 0, 1, 1}, new double[] {0, 1}, 1,
                Weighting.DISTANCE);
        assertTrue(Double.isFinite(s.score(new double[] {1e300, -1e300})));
        assertTrue(Double.isFinite(s.score(new double[] {Double.POSITIVE_INFINITY, 0})));
        assertTrue(Double.isFinite(s.score(new double[] {Double.NaN, Double.NaN})));
    }

    @Test
    void fromJson_roundTrip_sameScoresAndReadableFields() {
        SplittableRandom r = new SplittableRandom(3);
        double[] points = randomPoints(r, 200, 3, "continuous");
        double[] targets = new double[200];
        for (int i = 0; i < 200; i++) {
            targets[i] = r.nextGaussian();
        }
        NeighboursScorer s = new NeighboursScorer(schema(3), points, targets, 7, Weighting.DISTANCE);
        var json = s.toJson();
        assertEquals("neighbours", json.get("type").asText());
        assertEquals(200, json.get("points").size());
        assertEquals(points[3], json.get("points").get(1).get(0).doubleValue(), 0.0);
        Scorer loaded = Scorers.fromJson(json);
        for (int t = 0; t < 100; t++) {
            double[] q = {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()};
            assertEquals(Double.doubleToRawLongBits(s.score(q)), Double.doubleToRawLongBits(loaded.score(q)));
        }
    }

    @Test
    void parameterCount_storedValues_rowsTimesFeaturesPlusTargets() {
        NeighboursScorer s = new NeighboursScorer(schema(3), new double[12], new double[4], 2, Weighting.UNIFORM);
        assertEquals(4 * 3 + 4, s.parameterCount());
        assertTrue(s.describe().contains("k = 2, 4 training rows stored"));
    }

    @Test
    void constructor_badInput_rejectedWithTheValue() {
        assertEquals("k must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> new NeighboursScorer(schema(1), new double[1], new double[1], 0, Weighting.UNIFORM)).getMessage());
        assertEquals("stored row 1, feature 'x0' is NaN; points must be finite", assertThrows(
                IllegalArgumentException.class, () -> new NeighboursScorer(schema(1), new double[] {0, Double.NaN},
                        new double[2], 1, Weighting.UNIFORM)).getMessage());
        Schema categorical = new Schema(List.of(Feature.categorical("g", List.of("a"))));
        assertThrows(IllegalArgumentException.class,
                () -> new NeighboursScorer(categorical, new double[1], new double[1], 1, Weighting.UNIFORM));
    }
}
