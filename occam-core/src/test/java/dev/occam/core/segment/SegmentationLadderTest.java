package dev.occam.core.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.data.TestDatasets;
import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Frame;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ladder on iris (species excluded, then used as a check) and faithful; mclust's ARI from resources/segment/summary.csv. */
class SegmentationLadderTest {

    private static final SegmentationLadder.Options OPTIONS = SegmentationLadder.Options.defaults().withStabilityResamples(5);

    @Test
    void fit_irisWithoutSpecies_recoversSpeciesAtLeastAsWellAsMclust() {
        Frame iris = TestDatasets.load("iris.csv");
        int[] species = ((CategoricalColumn) iris.column("Species")).codes();
        SegmentationLadder.Result result = SegmentationLadder.fit(iris.without(Set.of("Species")), OPTIONS);
        SegmentationLadder.Candidate mixture = result.candidates().stream()
                .filter(c -> c.method().startsWith("Gaussian mixture")).findFirst().orElseThrow();
        double mclustAri = Double.parseDouble(SegmentOracles.summary("iris")[5]);
        double ari = AdjustedRandIndex.of(mixture.labels(), species);
        assertTrue(ari >= mclustAri - 1e-9, "ARI with species " + ari + " vs mclust's " + mclustAri);
        assertTrue(mixture.stability() > 0.5 && mixture.stability() <= 1, "stability " + mixture.stability());
        assertTrue(mixture.rule().accuracy() > 0.9, "membership rule accuracy " + mixture.rule().accuracy());
        assertEquals(4, result.preparation().size());
        double explained = result.components().explained()[0] + result.components().explained()[1];
        assertTrue(explained > 0.9, "two components explain " + explained);
    }

    @Test
    void fit_sameSeedTwice_sameSegments() {
        Frame faithful = TestDatasets.load("faithful.csv");
        // A small ladder (up to 4 segments, 3 resamples): what is checked is that nothing depends on chance or threads.
        SegmentationLadder.Options small = new SegmentationLadder.Options(4, 10, 3, 2000, 3);
        SegmentationLadder.Result a = SegmentationLadder.fit(faithful, small);
        SegmentationLadder.Result b = SegmentationLadder.fit(faithful, small);
        assertEquals(a.candidates().size(), b.candidates().size());
        for (int i = 0; i < a.candidates().size(); i++) {
            assertArrayEquals(a.candidates().get(i).labels(), b.candidates().get(i).labels());
            assertEquals(a.candidates().get(i).model(), b.candidates().get(i).model());
            assertEquals(a.candidates().get(i).stability(), b.candidates().get(i).stability());
            assertArrayEquals(a.candidates().get(i).resampleStability(), b.candidates().get(i).resampleStability());
        }
    }

    @Test
    void fit_faithful_firstRungIsOneSegmentAndKMeansFindsTheTwoEruptionTypes() {
        Frame faithful = TestDatasets.load("faithful.csv");
        // Up to 5 segments is enough to see the gap statistic's 1-SE rule stop at 2 (Gap(2) = 0.79, Gap(3) = 0.65).
        SegmentationLadder.Result result = SegmentationLadder.fit(faithful, new SegmentationLadder.Options(5, 20, 3,
                2000, 42));
        List<SegmentationLadder.Candidate> c = result.candidates();
        assertEquals("one segment", c.get(0).method());
        SegmentationLadder.Candidate kmeans = c.stream().filter(x -> x.method().equals("k-means")).findFirst().orElseThrow();
        assertEquals(2, kmeans.segments()); // short and long eruptions
        assertTrue(kmeans.silhouette() > 0.6, "silhouette " + kmeans.silhouette());
        assertEquals(2, kmeans.profiles().size());
        assertTrue(kmeans.rule().accuracy() > 0.95, "rule accuracy " + kmeans.rule().accuracy());
    }
}
