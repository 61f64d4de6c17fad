package dev.occam.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.data.CategoricalColumn;
import org.junit.jupiter.api.Test;

/** Known values: Hubert &amp; Arabie's formula by hand, scikit-learn's documented examples, and mclust's ARI on iris. */
class AdjustedRandIndexTest {

    @Test
    void of_relabelledIdenticalPartition_isOne() {
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1, 2}, new int[] {5, 5, 3, 3, 9}), 1e-15);
    }

    @Test
    void of_scikitLearnExample_isFourSevenths() {
        // sklearn.metrics.adjusted_rand_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.5714285714285715
        assertEquals(4.0 / 7, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-15);
    }

    @Test
    void of_oneClusterAgainstSingletons_isZero() {
        // sklearn.metrics.adjusted_rand_score([0, 0, 0, 0], [0, 1, 2, 3]) = 0.0
        assertEquals(0.0, AdjustedRandIndex.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}), 1e-15);
    }

    @Test
    void of_handComputedTable_matchesFormula() {
        // a = 112233, b = 111223: cells 1-1:2, 2-1:1, 2-2:1, 3-2:1, 3-3:1 -> index 1; rows 3 x 1 = 3; cols 3+1 = 4;
        // expected 3*4/15 = 0.8, max 3.5 -> (1 - 0.8) / (3.5 - 0.8) = 0.2/2.7
        assertEquals(0.2 / 2.7, AdjustedRandIndex.of(new int[] {1, 1, 2, 2, 3, 3}, new int[] {1, 1, 1, 2, 2, 3}), 1e-15);
    }

    @Test
    void of_mclustIrisClassesAgainstSpecies_matchesMclust() {
        CategoricalColumn species = (CategoricalColumn) TestDatasets.load("iris.csv").column("Species");
        double expected = Double.parseDouble(SegmentOracles.summary("iris")[5]); // mclust::adjustedRandIndex
        assertEquals(expected, AdjustedRandIndex.of(SegmentOracles.classes("iris_mclust_classes.csv"), species.codes()),
                1e-12);
    }

    @Test
    void of_differentLengths_throwsNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdjustedRandIndex.of(new int[] {0, 1}, new int[] {0}));
        assertEquals("partitions must label the same rows: 2 vs 1", e.getMessage());
    }
}
