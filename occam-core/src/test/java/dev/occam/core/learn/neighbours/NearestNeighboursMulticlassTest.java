package dev.occam.core.learn.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.core.learn.IrisSplit;
import dev.occam.runtime.Model;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.NeighboursScorer;
import dev.occam.runtime.scorer.NeighboursScorer.Weighting;
import org.junit.jupiter.api.Test;

/** k nearest neighbours on R's iris (three classes), every third row held out; vote shares by hand. */
class NearestNeighboursMulticlassTest {

    private static final IrisSplit IRIS = new IrisSplit();

    @Test
    void fit_iris_learnsWithProbabilitiesSummingToOne() {
        Model m = NearestNeighbours.pipeline().fit(IRIS.trainFeatures, IRIS.trainTarget);
        double accuracy = IRIS.heldOutAccuracy(m);
        // kNN on standardised iris is ~95% accurate (e.g. James et al., ISLR); a constant gets 1/3.
        assertTrue(accuracy > 0.9, "held-out accuracy " + accuracy);
    }

    @Test
    void scoreClasses_threeNeighbours_areTheVoteShares() {
        // Points 0..5 on a line with classes 0, 0, 1, 2, 2, 2; the 3 nearest to 1.2 are rows 1, 2, 0.
        Schema schema = new dev.occam.runtime.data.Frame(java.util.List.of(
                new dev.occam.runtime.data.NumericColumn("x", new double[1]))).schema();
        NeighboursScorer s = new NeighboursScorer(schema, new double[] {0, 1, 2, 3, 4, 5},
                new double[] {0, 0, 1, 2, 2, 2}, 3, Weighting.UNIFORM, 3);
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3, 0}, s.scoreClasses(new double[] {1.2}), 1e-15);
        assertEquals(2.0 / 3, s.score(new double[] {1.2}), 1e-15);
        // Distance weights at 1.5: rows 1 and 2 at 0.5 (weight 2 each), rows 0 and 3 at 1.5 tie, row 0 first.
        NeighboursScorer d = new NeighboursScorer(schema, new double[] {0, 1, 2, 3, 4, 5},
                new double[] {0, 0, 1, 2, 2, 2}, 3, Weighting.DISTANCE, 3);
        double w = 1 / 1.5;
        assertArrayEquals(new double[] {(2 + w) / (4 + w), 2 / (4 + w), 0}, d.scoreClasses(new double[] {1.5}),
                1e-15);
    }
}
