package dev.occam.core.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fairness bootstrap by counts (large tables) against the bootstrap by rows it stands in for: the same
 * intervals up to the resampling's own noise.
 */
class FairnessBootstrapCountsTest {

    /** Three groups of different sizes and rates; two held-out decisions a row, so shares 0, 1/2 and 1. */
    private record Table(List<int[]> groups, double[] favourableShare, boolean[] qualified) {
    }

    private static Table table(int[] sizes, double[] favourableRates, double[] qualifiedRates, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = 0;
        for (int size : sizes) {
            rows += size;
        }
        double[] share = new double[rows];
        boolean[] qualified = new boolean[rows];
        List<int[]> groups = new ArrayList<>();
        int next = 0;
        for (int g = 0; g < sizes.length; g++) {
            int[] members = new int[sizes[g]];
            for (int k = 0; k < sizes[g]; k++) {
                int i = next++;
                members[k] = i;
                qualified[i] = random.nextDouble() < qualifiedRates[g];
                // A qualified row is favoured more often, as a model that ranks well does.
                double rate = Math.min(1, favourableRates[g] * (qualified[i] ? 1.3 : 0.6));
                share[i] = ((random.nextDouble() < rate ? 1 : 0) + (random.nextDouble() < rate ? 1 : 0)) / 2.0;
            }
            groups.add(members);
        }
        return new Table(groups, share, qualified);
    }

    private static void assertClose(FairnessAudit.Interval rows, FairnessAudit.Interval counts, String what) {
        double width = rows.high() - rows.low();
        assertTrue(width > 0, what + " by rows has no width: " + rows);
        assertEquals(rows.low(), counts.low(), 0.15 * width, what + " low: rows " + rows + ", counts " + counts);
        assertEquals(rows.high(), counts.high(), 0.15 * width, what + " high: rows " + rows + ", counts " + counts);
        assertEquals(width, counts.high() - counts.low(), 0.12 * width, what + " width");
    }

    /** Both bootstraps of the same table, each with its own seeded numbers, give the same intervals. */
    private static void assertSameIntervals(Table t, FairnessAudit.Options options) {
        FairnessAudit.Interval[] rows = FairnessAudit.resampleRows(t.groups(), t.favourableShare(), t.qualified(),
                options);
        FairnessAudit.Interval[] counts = FairnessAudit.resampleCounts(t.groups(), t.favourableShare(),
                t.qualified(), options);
        assertClose(rows[0], counts[0], "selection-rate ratio");
        assertClose(rows[1], counts[1], "equal-opportunity difference");
    }

    @Test
    void resampleCounts_threeGroups_sameIntervalsAsResamplingRows() {
        assertSameIntervals(table(new int[] {3_000, 1_200, 400}, new double[] {0.7, 0.6, 0.75},
                new double[] {0.7, 0.6, 0.8}, 7), new FairnessAudit.Options(4000, 11, 30, 0.95));
    }

    @Test
    void resampleCounts_largeGroups_sameIntervalsAsResamplingRows() {
        assertSameIntervals(table(new int[] {150_000, 60_000}, new double[] {0.72, 0.66}, new double[] {0.7, 0.65},
                8), new FairnessAudit.Options(1000, 12, 30, 0.95));
    }

    @Test
    void resampleCounts_sameSeed_sameIntervalsWhateverTheRowsOrder() {
        Table t = table(new int[] {2_000, 900}, new double[] {0.7, 0.5}, new double[] {0.7, 0.6}, 9);
        List<int[]> reversed = new ArrayList<>();
        for (int[] group : t.groups()) {
            int[] r = new int[group.length];
            for (int k = 0; k < group.length; k++) {
                r[k] = group[group.length - 1 - k];
            }
            reversed.add(r);
        }
        FairnessAudit.Options options = new FairnessAudit.Options(500, 3, 30, 0.95);
        FairnessAudit.Interval[] a = FairnessAudit.resampleCounts(t.groups(), t.favourableShare(), t.qualified(),
                options);
        FairnessAudit.Interval[] b = FairnessAudit.resampleCounts(reversed, t.favourableShare(), t.qualified(),
                options);
        assertEquals(a[0], b[0]);
        assertEquals(a[1], b[1]);
    }
}
