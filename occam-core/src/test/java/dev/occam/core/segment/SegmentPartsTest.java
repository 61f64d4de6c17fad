package dev.occam.core.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import dev.occam.runtime.segment.SegmentPreparation.Handling;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Preparation, the gap rule, silhouette, principal components, k-prototypes and profiles on small known cases. */
class SegmentPartsTest {

    @Test
    void chooseOneStandardError_tibshiraniRule_takesFirstKWithinOneSe() {
        // Gap(1) = 0.1 < Gap(2) - s2 = 0.45; Gap(2) = 0.5 >= Gap(3) - s3 = 0.55 - 0.1 -> k = 2
        assertEquals(2, GapStatistic.chooseOneStandardError(new double[] {0.1, 0.5, 0.55, 0.6},
                new double[] {0.05, 0.05, 0.1, 0.1}));
        assertEquals(1, GapStatistic.chooseOneStandardError(new double[] {0.3, 0.2}, new double[] {0.05, 0.05}));
        assertEquals(3, GapStatistic.chooseOneStandardError(new double[] {0.1, 0.2, 0.3}, new double[] {0, 0, 0}));
    }

    @Test
    void silhouette_handComputed_matchesRousseeuw() {
        // Points 0, 1 | 5 on a line: s(0) = 1 - 1/5, s(1) = 1 - 1/4, s(5) = 0 (alone) -> mean (0.8 + 0.75) / 3
        double[][] x = {{0}, {1}, {5}};
        assertEquals((0.8 + 0.75) / 3, Silhouette.mean(x, new int[] {0, 0, 1}, 100, 1), 1e-15);
    }

    @Test
    void principalComponents_irisScaled_matchesPrcompVarianceShares() {
        // R: summary(prcomp(iris[, 1:4], scale. = TRUE))$importance["Proportion of Variance", ]
        //    0.7296 0.2285 0.03669 0.00518
        double[][] x = KMeansTest.standardised(SegmentOracles.numericRows("iris.csv"));
        PrincipalComponents pca = PrincipalComponents.of(x, List.of("a", "b", "c", "d"));
        assertArrayEquals(new double[] {0.7296, 0.2285, 0.03669, 0.00518}, pca.explained(), 6e-5);
        assertEquals(2.918498, pca.variances()[0], 1e-5); // prcomp sdev[1] = 1.708361, squared
    }

    @Test
    void prepare_skewedNonNegativeColumn_isLoggedAndSaysWhy() {
        double[] spend = new double[200];
        double[] visits = new double[200];
        for (int i = 0; i < 200; i++) {
            spend[i] = Math.exp(i / 25.0); // heavily right-skewed, never negative
            visits[i] = i % 10;
        }
        int[] codes = new int[200];
        for (int i = 0; i < 200; i++) {
            codes[i] = i % 3;
        }
        Frame frame = new Frame(List.of(new NumericColumn("spend", spend), new NumericColumn("visits", visits),
                new CategoricalColumn("plan", List.of("basic", "plus", "premium"), codes)));
        SegmentPreparer.Prepared prepared = SegmentPreparer.prepare(frame, false);
        assertEquals(Handling.LOG1P_THEN_STANDARDISE, prepared.preparation().columns().get(0).handling());
        assertEquals(Handling.STANDARDISE, prepared.preparation().columns().get(1).handling());
        assertEquals(Handling.ONE_HOT, prepared.preparation().columns().get(2).handling());
        assertTrue(prepared.preparation().words().get(0).contains("right-skewed"),
                prepared.preparation().words().get(0));
        assertEquals(5, prepared.preparation().numericDimension());
        double mean = 0;
        for (double[] r : prepared.rows()) {
            mean += r[0] / 200;
        }
        assertEquals(0, mean, 1e-12);
        assertEquals(Handling.PROTOTYPE, SegmentPreparer.prepare(frame, true).preparation().columns().get(2).handling());
    }

    @Test
    void kPrototypes_twoPlantedGroups_recoveredExactly() {
        int n = 120;
        double[] amount = new double[n];
        int[] codes = new int[n];
        int[] truth = new int[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            truth[i] = i < 60 ? 0 : 1;
            amount[i] = (truth[i] == 0 ? 10 : 30) + r.nextGaussian();
            codes[i] = truth[i] == 0 ? (r.nextDouble() < 0.9 ? 0 : 1) : (r.nextDouble() < 0.9 ? 1 : 0);
        }
        Frame frame = new Frame(List.of(new NumericColumn("amount", amount),
                new CategoricalColumn("channel", List.of("shop", "web"), codes)));
        SegmentPreparer.Prepared p = SegmentPreparer.prepare(frame, true);
        KPrototypes.Result fit = KPrototypes.fit(p.rows(), 1, new int[] {2}, KPrototypes.Options.of(2, 1));
        assertEquals(1.0, AdjustedRandIndex.of(fit.labels(), truth), 1e-12);
        // The ladder chooses k by silhouette, which splits off rows whose level disagrees with their group (a level
        // mismatch weighs gamma); with the level following the groups it finds the two.
        int[] clean = truth.clone();
        frame = new Frame(List.of(new NumericColumn("amount", amount),
                new CategoricalColumn("channel", List.of("shop", "web"), clean)));
        SegmentationLadder.Result ladder = SegmentationLadder.fit(frame,
                SegmentationLadder.Options.defaults().withStabilityResamples(3));
        SegmentationLadder.Candidate kp = ladder.candidates().get(ladder.candidates().size() - 1);
        assertEquals("k-prototypes", kp.method());
        assertEquals(2, kp.segments());
        assertTrue(kp.stability() > 0.9, "stability " + kp.stability());
        // profiles speak in the data's units and levels
        String words = kp.profiles().get(0).summary(2) + " | " + kp.profiles().get(1).summary(2);
        assertTrue(words.contains("amount") && words.contains("channel mostly"), words);
    }

    @Test
    void profiles_faithfulLongEruptions_sayHighWithMedians() {
        Frame faithful = TestDatasets.load("faithful.csv");
        double[] eruptions = ((NumericColumn) faithful.column("eruptions")).values();
        int[] labels = new int[eruptions.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = eruptions[i] > 3 ? 1 : 0;
        }
        List<SegmentProfiles.Profile> profiles = SegmentProfiles.profiles(faithful, labels, 2);
        // short eruptions: eruptions (1.98 - 4) / 1.14 = -1.77 sd before waiting (54 - 76) / 13.6 = -1.62 sd
        SegmentProfiles.Contrast top = profiles.get(0).contrasts().get(0);
        assertEquals("eruptions", top.column());
        double overall = SegmentProfiles.median(eruptions);
        assertTrue(top.words().startsWith("eruptions low (median "), top.words());
        assertTrue(top.words().endsWith(" vs " + SegmentProfiles.readable(overall) + " overall)"), top.words());
        SegmentProfiles.MembershipRule rule = SegmentProfiles.membershipRule(faithful, labels, 2, 3);
        assertEquals(1.0, rule.accuracy(), 1e-12); // the labels are one cut on eruptions
        assertTrue(rule.rules().stream().anyMatch(s -> s.startsWith("segment 2 when eruptions >= ")), rule.rules().toString());
    }

    @Test
    void stability_wellSeparatedKMeans_isNearOne() {
        double[][] x = KMeansTest.standardised(SegmentOracles.numericRows("faithful.csv"));
        Stability.Result s = Stability.bootstrap(x, rows -> new dev.occam.runtime.segment.KMeansSegmenter(
                KMeans.fit(rows, KMeans.Options.of(2)).centres()), 10, 1);
        assertEquals(10, s.adjustedRand().length);
        assertTrue(s.meanAdjustedRand() > 0.95, "mean ARI " + s.meanAdjustedRand());
    }
}
