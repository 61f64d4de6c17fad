package dev.occam.core.learn.tree;

import dev.occam.core.data.LabelledData;
import dev.occam.core.data.Target;
import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.Model;
import dev.occam.runtime.Task;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.scorer.TreeEnsembleScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Not a test: the A/B of growing on sorted rows against growing on histograms ({@link Bins}), for
 * docs/performance.md. On a seeded shuffle of diamonds (53,940 rows, price regression) it takes the first
 * {@code n} rows for each size, holds out a fifth, and times, alternating sorted and histogram in each repeat, the
 * default tree and a 300-tree forest as {@code RandomForest} grows it (mtry p / 3, min leaf 5), printing the
 * medians and the held-out RMSE of each. Run from the test classpath:
 * {@code java -cp ... dev.occam.core.learn.tree.TreeFitBench [repeats] [trees] [sizes...]}.
 */
public final class TreeFitBench {

    /** {@code -Dbench.variants=hist} (or {@code sorted}) runs one side only, for a profile of it. */
    private static final String VARIANTS = System.getProperty("bench.variants", "sorted,hist");

    private TreeFitBench() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int trees = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int[] sizes = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {2_000, 5_000, 10_000, 20_000, 53_940};
        LabelledData d = LabelledData.of(TestDatasets.load("diamonds.csv"), "price", Task.REGRESSION, null,
                List.of());
        int total = d.features().rows();
        int[] shuffled = new int[total];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < total; i++) {
            int k = random.nextInt(i + 1);
            shuffled[i] = shuffled[k];
            shuffled[k] = i;
        }
        System.out.printf("%8s %12s %12s %10s %10s %12s %12s %10s %10s%n", "rows", "tree sorted", "tree hist",
                "rmse s", "rmse h", "forest sorted", "forest hist", "rmse s", "rmse h");
        for (int n : sizes) {
            int train = n - n / 5;
            Frame x = d.features().select(Arrays.copyOfRange(shuffled, 0, train));
            Target y = d.target().select(Arrays.copyOfRange(shuffled, 0, train));
            Frame hx = d.features().select(Arrays.copyOfRange(shuffled, train, n));
            Target hy = d.target().select(Arrays.copyOfRange(shuffled, train, n));
            double[][] times = new double[4][repeats];
            double[] rmse = new double[4];
            for (int r = 0; r < repeats; r++) {
                for (int v = 0; v < 4; v++) {
                    boolean hist = v % 2 == 1;
                    if (!VARIANTS.contains(hist ? "hist" : "sorted")) {
                        continue;
                    }
                    int minRows = hist ? 0 : Integer.MAX_VALUE;
                    long t0 = System.nanoTime();
                    Model m = v < 2 ? new DecisionTree(DecisionTree.Options.defaults(), minRows).fit(x, y) : null;
                    TreeEnsembleScorer forest = v >= 2 ? forest(x, y, trees, minRows) : null;
                    times[v][r] = (System.nanoTime() - t0) / 1e9;
                    double ss = 0;
                    for (int i = 0; i < hx.rows(); i++) {
                        double[] row = hx.row(i);
                        double e = (m != null ? m.score(row) : forest.score(row)) - hy.value(i);
                        ss += e * e;
                    }
                    rmse[v] = Math.sqrt(ss / hx.rows());
                }
            }
            System.out.printf("%8d %12.3f %12.3f %10.1f %10.1f %12.2f %12.2f %10.1f %10.1f%n", n, median(times[0]),
                    median(times[1]), rmse[0], rmse[1], median(times[2]), median(times[3]), rmse[2], rmse[3]);
        }
    }

    /** RandomForest's regression loop: bootstrap of n rows per tree from the t-th split of seed 42. */
    static TreeEnsembleScorer forest(Frame x, Target y, int trees, int histogramMinRows) {
        int n = y.size();
        ForestGrower grower = new ForestGrower(x, y, Math.max(1, x.columnCount() / 3), 5, histogramMinRows);
        SplittableRandom seed = new SplittableRandom(42);
        List<TreeEnsembleScorer.Tree> out = new ArrayList<>();
        for (int t = 0; t < trees; t++) {
            SplittableRandom random = seed.split();
            int[] draws = new int[n];
            for (int i = 0; i < n; i++) {
                draws[random.nextInt(n)]++;
            }
            int[] sample = new int[n];
            int k = 0;
            for (int row = 0; row < n; row++) {
                for (int c = 0; c < draws[row]; c++) {
                    sample[k++] = row;
                }
            }
            out.add(TreeEnsembleScorer.Tree.of(grower.grow(sample, random)));
        }
        return TreeEnsembleScorer.mean(x.schema(), out);
    }

    private static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
