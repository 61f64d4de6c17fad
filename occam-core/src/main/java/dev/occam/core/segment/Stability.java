package dev.occam.core.segment;

import dev.occam.runtime.segment.Segmenter;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * How stable a segmentation is under resampling (Hennig 2007, "Cluster-wise assessment of cluster stability",
 * Comput. Stat. Data Anal. 52:258-271, whose {@code clusterboot} refits on bootstrap samples): the method is refitted
 * on B seeded bootstrap resamples, and on the distinct rows each resample drew, its segments are compared with the
 * segments of the fit on all rows by the adjusted Rand index (Hubert &amp; Arabie 1985). Hennig reports a Jaccard
 * similarity per cluster; the mean ARI here summarises the whole partition in one number (near 1: the same segments
 * come back; below about 0.6: they depend on which rows happened to be drawn). A resample on which the method
 * cannot be refitted (a mixture component collapsing onto repeated rows) counts as 0.
 */
public final class Stability {

    /** The mean ARI over the resamples and each resample's value. */
    public record Result(double meanAdjustedRand, double[] adjustedRand) {
    }

    private Stability() {
    }

    /**
     * @param rows the prepared rows
     * @param method fits a segmenter on prepared rows; must be deterministic for given rows (it has its own seed)
     * @param resamples B, at least 1
     * @param seed draws the resamples
     */
    public static Result bootstrap(double[][] rows, Function<double[][], Segmenter> method, int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1: " + resamples);
        }
        int n = rows.length;
        Segmenter full = method.apply(rows);
        int[] reference = labels(full, rows);
        SplittableRandom random = new SplittableRandom(seed);
        int[][] draws = new int[resamples][n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                draws[b][i] = random.nextInt(n);
            }
        }
        // The resamples are drawn in order above; each refit depends only on its own draw, so they run at once.
        double[] ari = java.util.stream.IntStream.range(0, resamples).parallel()
                .mapToDouble(b -> compare(rows, method, reference, draws[b])).toArray();
        return new Result(Arrays.stream(ari).average().orElseThrow(), ari);
    }

    /** The ARI on the rows one resample drew between the reference labels and the refit's; 0 when it cannot refit. */
    private static double compare(double[][] rows, Function<double[][], Segmenter> method, int[] reference,
            int[] draw) {
        int n = rows.length;
        boolean[] drawn = new boolean[n];
        double[][] sample = new double[n][];
        for (int i = 0; i < n; i++) {
            drawn[draw[i]] = true;
            sample[i] = rows[draw[i]];
        }
        Segmenter refit;
        try {
            refit = method.apply(sample);
        } catch (IllegalStateException | IllegalArgumentException e) {
            return 0; // the method could not be refitted on this resample: nothing came back
        }
        int[] distinct = java.util.stream.IntStream.range(0, n).filter(i -> drawn[i]).toArray();
        int[] a = new int[distinct.length];
        int[] c = new int[distinct.length];
        for (int i = 0; i < distinct.length; i++) {
            a[i] = reference[distinct[i]];
            c[i] = refit.assign(rows[distinct[i]]).segment();
        }
        return AdjustedRandIndex.of(a, c);
    }

    static int[] labels(Segmenter segmenter, double[][] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = segmenter.assign(rows[i]).segment();
        }
        return out;
    }
}
