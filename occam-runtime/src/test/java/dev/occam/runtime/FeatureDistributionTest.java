package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureDistributionTest {

    @TempDir
    Path dir;

    @Test
    void of_twentyDistinctValues_decileCutsTwoRowsPerBinAndMissingCounted() {
        double[] values = new double[21];
        for (int i = 0; i < 20; i++) {
            values[i] = i + 1; // 1..20
        }
        values[20] = Double.NaN;
        FeatureDistribution d = FeatureDistribution.of(Feature.numeric("x"), values);
        // deciles of 20 sorted values: positions 2, 4, ..., 18 -> values 3, 5, ..., 19
        assertEquals(11, d.bins());
        assertArrayEquals(new long[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1}, d.counts());
        assertEquals(0, d.bin(2.999));
        assertEquals(1, d.bin(3));
        assertEquals(9, d.bin(1e9));
        assertEquals(10, d.bin(Double.NaN));
        assertEquals("< 3", d.binNames().get(0));
        assertEquals("≥ 19", d.binNames().get(9));
    }

    @Test
    void of_manyTies_cutsOnlyBetweenDistinctValues() {
        double[] flags = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        FeatureDistribution d = FeatureDistribution.of(Feature.numeric("flag"), flags);
        assertArrayEquals(new long[] {8, 2, 0}, d.counts()); // one cut at 1: below, at or above, missing
    }

    /** PSI by hand: shares (0.5, 0.5, 0) against (0.25, 0.75, 0); the empty missing bin adds nothing (both floored). */
    @Test
    void stabilityIndex_shiftedShares_matchesTheFormula() {
        FeatureDistribution d = new FeatureDistribution(Feature.numeric("x"), new double[] {10}, new long[] {50, 50, 0});
        double expected = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
        assertEquals(expected, d.stabilityIndex(new long[] {1, 3, 0}), 1e-15);
        assertEquals(0.0, d.stabilityIndex(new long[] {7, 7, 0}), 0.0);
        assertTrue(Double.isNaN(d.stabilityIndex(new long[] {0, 0, 0})));
        // a bin empty in training but filled live: floored at 0.0001, so large but finite
        double unseen = d.stabilityIndex(new long[] {0, 0, 10});
        assertEquals((0.0001 - 0.5) * Math.log(0.0001 / 0.5) * 2 + (1 - 0.0001) * Math.log(1 / 0.0001), unseen, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> d.stabilityIndex(new long[] {1, 2}));
    }

    @Test
    void saveThenLoad_distributions_keptAndOldFilesLoadWithout() throws Exception {
        Frame training = new Frame(List.of(new NumericColumn("income", new double[] {100, 959, Double.NaN, 300}),
                new CategoricalColumn("home", List.of("rent", "own", "boat"), new int[] {1, 0, 2, 0})));
        Model m = ModelFileTest.logisticPipeline().withTypicalValues(training);
        Path file = dir.resolve("m.json");
        ModelFile.save(m, file);
        Model loaded = Occam.load(file);
        assertTrue(loaded.typicalValues().hasDistributions());
        FeatureDistribution home = loaded.typicalValues().distribution(1);
        // the model's levels are own, rent, other; "boat" is unknown to it, so missing, as when scoring
        assertEquals(List.of("own", "rent", "other", "missing", "unseen"), home.binNames());
        assertArrayEquals(new long[] {1, 2, 0, 1, 0}, home.counts());
        assertArrayEquals(m.typicalValues().distribution(0).counts(), loaded.typicalValues().distribution(0).counts());

        Model old = new Model(m.family(), m.target(), m.preparation(), m.scorer(), m.decision(),
                new TypicalValues(m.schema(), new double[] {300, 1}));
        Path oldFile = dir.resolve("old.json");
        ModelFile.save(old, oldFile);
        assertFalse(Files.readString(oldFile).contains("\"distributions\""));
        assertFalse(Occam.load(oldFile).typicalValues().hasDistributions());
        assertThrows(IllegalStateException.class, () -> Occam.load(oldFile).typicalValues().distribution(0));
    }

    /** The cuts counted through one by one give every value the bin the binary search of bin() gives it. */
    @Test
    void ofCuts_zerosMissingAndValuesOnCuts_sameBinsAsBin() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(41);
        Feature x = Feature.numeric("x");
        for (int trial = 0; trial < 200; trial++) {
            double[] pool = {-2.5, -1.0, -0.0, 0.0, 0.5, 1.0, 3.0, 7.25};
            double[] values = new double[1 + random.nextInt(500)];
            for (int i = 0; i < values.length; i++) {
                int pick = random.nextInt(pool.length + 2);
                values[i] = pick == pool.length ? Double.NaN : pick > pool.length ? random.nextGaussian() * 4
                        : pool[pick];
            }
            // Cuts among the pool's values (so values fall on them), a zero of either sign among them or none.
            double[] cuts = java.util.stream.DoubleStream.of(pool).filter(c -> random.nextBoolean()).sorted()
                    .distinct().toArray();
            if (java.util.Arrays.stream(cuts).filter(c -> c == 0.0).count() > 1) {
                cuts = java.util.Arrays.stream(cuts).filter(c -> Double.doubleToRawLongBits(c) != 0L).toArray();
            }
            FeatureDistribution counted = FeatureDistribution.ofCuts(x, values, cuts);
            long[] expected = new long[counted.bins()];
            for (double v : values) {
                expected[counted.bin(v)]++;
            }
            assertArrayEquals(expected, counted.counts(), "trial " + trial + ", cuts "
                    + java.util.Arrays.toString(cuts));
        }
    }
}
