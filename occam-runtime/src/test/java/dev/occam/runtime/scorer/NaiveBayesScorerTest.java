package dev.occam.runtime.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.runtime.data.Feature;
import dev.occam.runtime.data.Schema;
import dev.occam.runtime.scorer.NaiveBayesScorer.Categorical;
import dev.occam.runtime.scorer.NaiveBayesScorer.Gaussian;
import dev.occam.runtime.scorer.NaiveBayesScorer.Unused;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaiveBayesScorerTest {

    private static final Schema SCHEMA = new Schema(List.of(Feature.numeric("income"),
            Feature.categorical("home", List.of("own", "rent")), Feature.numeric("constant")));

    private static NaiveBayesScorer scorer() {
        return new NaiveBayesScorer(SCHEMA, new double[] {0.75, 0.25}, List.of(
                new Gaussian(new double[] {10, 4}, new double[] {4, 1}),
                new Categorical(new double[][] {{0.8, 0.2}, {0.4, 0.6}}),
                new Unused("constant in training")));
    }

    @Test
    void contributions_always_addUpToLogOdds() {
        NaiveBayesScorer s = scorer();
        double[] x = {7, 1, 3};
        double[] c = s.contributions(x);
        assertEquals(s.logOdds(x), s.priorLogOdds() + c[0] + c[1] + c[2], 0.0);
        assertEquals(Math.log(0.6 / 0.2), c[1], 1e-15);
        assertEquals(0.0, c[2], 0.0);
    }

    @Test
    void score_missingValues_contributeNothing() {
        NaiveBayesScorer s = scorer();
        double prior = 0.25;
        assertEquals(prior, s.score(new double[] {Double.NaN, Double.NaN, Double.NaN}), 1e-15);
        assertEquals(s.score(new double[] {Double.NaN, 0, Double.NaN}), s.score(new double[] {Double.NaN, 0, 42}), 0.0);
    }

    @Test
    void score_extremeValues_probabilityZeroOrOneNeverNaN() {
        NaiveBayesScorer s = scorer();
        // Far above both means the wider negative class wins completely; the score underflows to 0, not NaN.
        assertEquals(0.0, s.score(new double[] {1e200, 1, 0}), 0.0);
        assertEquals(0.0, s.score(new double[] {1e300, 1, 0}), 0.0);
        double near = s.score(new double[] {4, 1, 0});
        assertTrue(near > 0.5 && near < 1);
        assertTrue(Double.isFinite(s.score(new double[] {Double.POSITIVE_INFINITY, 1, 0})));
    }

    @Test
    void fromJson_roundTrip_sameScoresAndParameters() {
        NaiveBayesScorer s = scorer();
        Scorer loaded = Scorers.fromJson(s.toJson());
        for (double[] x : new double[][] {{7, 1, 3}, {Double.NaN, 0, 0}, {1e-3, Double.NaN, 1}}) {
            assertEquals(Double.doubleToRawLongBits(s.score(x)), Double.doubleToRawLongBits(loaded.score(x)));
        }
        // 2 priors + 4 for the Gaussian + 2 x 2 level probabilities; the unused feature counts nothing.
        assertEquals(10, s.parameterCount());
        assertEquals(10, loaded.parameterCount());
        assertTrue(loaded.describe().contains("constant: not used (constant in training)"));
    }

    @Test
    void constructor_badParameters_rejectedWithTheValue() {
        assertEquals("positive prior must be in (0, 1): 1.0", assertThrows(IllegalArgumentException.class,
                () -> new NaiveBayesScorer(SCHEMA, new double[] {0.5, 1.0}, List.of())).getMessage());
        assertEquals("negative variance must be finite and > 0: 0.0", assertThrows(IllegalArgumentException.class,
                () -> new Gaussian(new double[] {0, 0}, new double[] {0, 1})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NaiveBayesScorer(SCHEMA, new double[] {0.5, 0.5},
                List.of(new Categorical(new double[][] {{1}, {1}}), new Unused("x"), new Unused("y"))));
    }
}
