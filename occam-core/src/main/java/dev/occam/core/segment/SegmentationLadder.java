package dev.occam.core.segment;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.segment.CovarianceModel;
import dev.occam.runtime.segment.KMeansSegmenter;
import dev.occam.runtime.segment.OneSegment;
import dev.occam.runtime.segment.SegmentModel;
import dev.occam.runtime.segment.SegmentPreparation;
import dev.occam.runtime.segment.Segmenter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;

/**
 * The segmentation ladder on one frame, each rung with the statistic that chose its number of segments and the
 * statistics a later choice between rungs reads:
 * <ol>
 *   <li><b>one segment</b>, the baseline "no structure";
 *   <li><b>k-means</b> (k-means++, Hartigan transfers) on the prepared rows, k by the gap statistic's 1-SE rule
 *       (Tibshirani, Walther &amp; Hastie 2001); listed when the gap chooses k &ge; 2;
 *   <li>numeric data: a <b>Gaussian mixture</b>, family and G by BIC over mclust's families (Fraley &amp; Raftery
 *       2002); mixed data: <b>k-prototypes</b> (Huang 1998), k by the largest mean silhouette (Rousseeuw 1987)
 *       under the k-prototypes dissimilarity. Listed when the choice has two or more segments.
 * </ol>
 * Every listed rung with two or more segments carries its mean silhouette, its bootstrap stability (mean adjusted
 * Rand index over seeded resamples, Hennig 2007), its profiles and a membership rule; the fit also gives the principal
 * components of the prepared rows for a scatter. Choosing between the rungs is left to the caller (the segmentation
 * job), which can read these numbers side by side.
 */
public final class SegmentationLadder {

    /**
     * @param maxSegments the most segments tried (k and G from 1 to this)
     * @param gapReferences B for the gap statistic
     * @param stabilityResamples bootstrap resamples for stability (0 to skip)
     * @param silhouetteRows the most rows a silhouette is measured on
     * @param seed the one seed everything derives from
     */
    public record Options(int maxSegments, int gapReferences, int stabilityResamples, int silhouetteRows, long seed) {
        public Options {
            if (maxSegments < 2) {
                throw new IllegalArgumentException("maxSegments must be >= 2: " + maxSegments);
            }
            if (gapReferences < 2 || stabilityResamples < 0 || silhouetteRows < 2) {
                throw new IllegalArgumentException("gapReferences must be >= 2, stabilityResamples >= 0, silhouetteRows"
                        + " >= 2: " + gapReferences + ", " + stabilityResamples + ", " + silhouetteRows);
            }
        }

        /** Up to 9 segments (mclust's default), B = 20, 20 resamples, silhouettes on at most 2,000 rows, seed 42. */
        public static Options defaults() {
            return new Options(9, 20, 20, 2000, 42);
        }

        public Options withSeed(long value) {
            return new Options(maxSegments, gapReferences, stabilityResamples, silhouetteRows, value);
        }

        public Options withStabilityResamples(int value) {
            return new Options(maxSegments, gapReferences, value, silhouetteRows, seed);
        }
    }

    /**
     * One rung: the method, its segment count, the model for new rows, each row's segment, and its statistics
     * (NaN where they do not apply: BIC for mixtures, gap for k-means).
     *
     * @param choice how the number of segments was chosen, in words
     * @param resampleStability each bootstrap resample's adjusted Rand index (empty when not measured)
     */
    public record Candidate(String method, int segments, SegmentModel model, int[] labels, double bic, double gap,
            double silhouette, double stability, String choice, List<SegmentProfiles.Profile> profiles,
            SegmentProfiles.MembershipRule rule, double[] resampleStability) {

        /** The standard deviation of the resamples' adjusted Rand indices; NaN with fewer than two. */
        public double stabilitySd() {
            int b = resampleStability.length;
            if (b < 2) {
                return Double.NaN;
            }
            double mean = java.util.Arrays.stream(resampleStability).average().orElseThrow();
            double ss = 0;
            for (double v : resampleStability) {
                ss += (v - mean) * (v - mean);
            }
            return Math.sqrt(ss / (b - 1));
        }
    }

    /**
     * @param candidates the rungs in ladder order
     * @param preparation the preparation in words, one sentence per column
     * @param gap the gap statistic of k-means
     * @param mixtures the BIC table (numeric data), or null
     * @param components principal components of the prepared numeric block
     */
    public record Result(List<Candidate> candidates, List<String> preparation, GapStatistic.Result gap,
            GaussianMixtures.Selection mixtures, PrincipalComponents components) {
    }

    private SegmentationLadder() {
    }

    public static Result fit(Frame frame, Options options) {
        boolean mixed = frame.columns().stream().anyMatch(c -> c instanceof CategoricalColumn);
        SegmentPreparer.Prepared oneHot = SegmentPreparer.prepare(frame, false);
        double[][] x = oneHot.numericRows();
        SegmentPreparation prep = oneHot.preparation();
        int maxK = Math.min(options.maxSegments(), x.length);
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate("one segment", 1, new SegmentModel(prep, new OneSegment(prep.numericDimension())),
                new int[x.length], Double.NaN, Double.NaN, Double.NaN, 1.0, "the baseline",
                SegmentProfiles.profiles(frame, new int[x.length], 1), SegmentProfiles.membershipRule(frame,
                        new int[x.length], 1, 3), new double[0]));

        KMeans.Options km = KMeans.Options.of(1).withSeed(options.seed());
        GapStatistic.Result gap = GapStatistic.compute(x, new GapStatistic.Options(maxK, options.gapReferences(), km));
        int k = gap.chosenK();
        if (k >= 2) {
            KMeans.Result fit = gap.fits()[k - 1];
            Function<double[][], Segmenter> method = rows -> new KMeansSegmenter(KMeans.fit(rows, km.withK(k)).centres());
            candidates.add(candidate(frame, x, "k-means", new SegmentModel(prep, new KMeansSegmenter(fit.centres())),
                    fit.labels(), Double.NaN, gap.gap()[k - 1], method, options,
                    "gap statistic, 1-SE rule (Gap(" + k + ") = " + round(gap.gap()[k - 1]) + ")"));
        }

        GaussianMixtures.Selection mixtures = null;
        if (!mixed) {
            GaussianMixtures.Options gm = GaussianMixtures.Options.defaults().withMaxComponents(maxK).withSeed(options.seed());
            mixtures = GaussianMixtures.select(x, gm);
            GaussianMixtures.Fit best = mixtures.best();
            if (best.components() >= 2) {
                CovarianceModel model = best.model();
                int g = best.components();
                GaussianMixtures.Options one = gm.withModels(EnumSet.of(model));
                Function<double[][], Segmenter> method = rows -> {
                    GaussianMixtures.Fit f = GaussianMixtures.fit(rows, model, g, one);
                    if (f.failed()) {
                        throw new IllegalStateException(f.failure());
                    }
                    return f.segmenter();
                };
                candidates.add(candidate(frame, x, "Gaussian mixture " + model, new SegmentModel(prep, best.segmenter()),
                        best.labels(), best.bic(), Double.NaN, method, options,
                        "BIC over " + gm.models().size() + " covariance families and 1.." + maxK + " components (BIC "
                                + round(best.bic()) + ")"));
            }
        } else {
            candidates.add(kPrototypes(frame, maxK, options));
        }
        PrincipalComponents pca = PrincipalComponents.of(x, prep.numericNames());
        return new Result(List.copyOf(candidates.stream().filter(c -> c != null).toList()), prep.words(), gap, mixtures, pca);
    }

    private static Candidate kPrototypes(Frame frame, int maxK, Options options) {
        SegmentPreparer.Prepared prepared = SegmentPreparer.prepare(frame, true);
        SegmentPreparation prep = prepared.preparation();
        double[][] rows = prepared.rows();
        int numeric = prep.numericDimension();
        int[] levels = prep.columns().stream().filter(c -> c.handling() == SegmentPreparation.Handling.PROTOTYPE)
                .mapToInt(c -> c.levels().size()).toArray();
        KPrototypes.Result best = null;
        double bestSilhouette = Double.NEGATIVE_INFINITY;
        int bestK = 0;
        for (int k = 2; k <= maxK; k++) {
            KPrototypes.Result fit = KPrototypes.fit(rows, numeric, levels, KPrototypes.Options.of(k, options.seed()));
            double s = silhouette(rows, fit, options);
            if (s > bestSilhouette) {
                bestSilhouette = s;
                best = fit;
                bestK = k;
            }
        }
        if (best == null) {
            return null;
        }
        int k = bestK;
        double gamma = best.segmenter().gamma();
        Function<double[][], Segmenter> method = r -> KPrototypes.fit(r, numeric, levels,
                new KPrototypes.Options(k, 10, 100, gamma, options.seed())).segmenter();
        Stability.Result stability = options.stabilityResamples() == 0 ? null
                : Stability.bootstrap(rows, method, options.stabilityResamples(), options.seed());
        return new Candidate("k-prototypes", k, new SegmentModel(prep, best.segmenter()), best.labels(), Double.NaN,
                Double.NaN, bestSilhouette, stability == null ? Double.NaN : stability.meanAdjustedRand(),
                "largest mean silhouette over k = 2.." + maxK + " ("
                        + round(bestSilhouette) + (bestSilhouette < 0.25 ? ", below 0.25: little structure" : "") + ")",
                SegmentProfiles.profiles(frame, best.labels(), k), SegmentProfiles.membershipRule(frame, best.labels(), k, 3),
                stability == null ? new double[0] : stability.adjustedRand());
    }

    private static double silhouette(double[][] rows, KPrototypes.Result fit, Options options) {
        var seg = fit.segmenter();
        int numeric = seg.numericDimension();
        return Silhouette.mean(rows.length, fit.labels(), (i, j) -> {
            double s = 0;
            for (int c = 0; c < numeric; c++) {
                double d = rows[i][c] - rows[j][c];
                s += d * d;
            }
            for (int c = numeric; c < rows[i].length; c++) {
                if (rows[i][c] >= 0 && rows[j][c] >= 0 && rows[i][c] != rows[j][c]) {
                    s += seg.gamma();
                }
            }
            return Math.sqrt(s);
        }, options.silhouetteRows(), options.seed());
    }

    private static Candidate candidate(Frame frame, double[][] x, String method, SegmentModel model, int[] labels,
            double bic, double gap, Function<double[][], Segmenter> refit, Options options, String choice) {
        int k = model.segmenter().segmentCount();
        double silhouette = Silhouette.mean(x, labels, options.silhouetteRows(), options.seed());
        Stability.Result stability = options.stabilityResamples() == 0 ? null
                : Stability.bootstrap(x, refit, options.stabilityResamples(), options.seed());
        return new Candidate(method, k, model, labels, bic, gap, silhouette,
                stability == null ? Double.NaN : stability.meanAdjustedRand(), choice,
                SegmentProfiles.profiles(frame, labels, k), SegmentProfiles.membershipRule(frame, labels, k, 3),
                stability == null ? new double[0] : stability.adjustedRand());
    }

    private static String round(double v) {
        return dev.occam.runtime.io.Json.number(Math.round(v * 1000) / 1000.0);
    }
}
